package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One spending limit, as configured under {@code tokensense.budgets.<name>}.
 *
 * <pre>{@code
 * Budget.builder("per-user-daily").limit("5").window("day").scope(BudgetScope.USER)
 *     .action(BudgetAction.BLOCK).build();
 * }</pre>
 *
 * @param name the budget's name, as in alerts, meters and the endpoint
 * @param limit USD per window, greater than zero
 * @param window how long spend counts
 * @param scope what the limit applies to
 * @param match the one value of the scope this budget is for (e.g. one user), or {@code null}
 * for a budget per value (each user has their own); never set for {@link BudgetScope#GLOBAL}
 * @param warnAt fractions of the limit (each above 0 and below 1) at which a warning is published
 * @param action what happens once spend reaches the limit
 */
public record Budget(String name, BigDecimal limit, BudgetWindow window, BudgetScope scope, @Nullable String match,
		List<BigDecimal> warnAt, BudgetAction action) {

	/** Warn at 80 % unless told otherwise. */
	public static final List<BigDecimal> DEFAULT_WARN_AT = List.of(new BigDecimal("0.8"));

	/**
	 * Validates the budget. Messages start with the property (relative to the budget's own
	 * prefix) they are about, e.g. {@code limit must be greater than 0}.
	 * @throws IllegalArgumentException when a value is refused
	 */
	public Budget {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(limit, "limit must be set (USD per window)");
		Objects.requireNonNull(window, "window must be set");
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(action, "action");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		if (limit.signum() <= 0) {
			throw new IllegalArgumentException("limit must be greater than 0 USD, was " + limit.toPlainString());
		}
		if (match != null && match.isEmpty()) {
			match = null;
		}
		if (match != null && scope == BudgetScope.GLOBAL) {
			throw new IllegalArgumentException("match needs a scope (user, session, tag, model or provider); "
					+ "a global budget has no value to match");
		}
		List<BigDecimal> sorted = new ArrayList<>(warnAt);
		for (BigDecimal fraction : sorted) {
			if (fraction == null || fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
				throw new IllegalArgumentException(
						"warn-at must hold fractions of the limit above 0 and below 1, was " + warnAt);
			}
		}
		sorted.sort(null);
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).compareTo(sorted.get(i - 1)) == 0) {
				throw new IllegalArgumentException("warn-at lists " + sorted.get(i) + " twice");
			}
		}
		warnAt = List.copyOf(sorted);
	}

	/** A budget to build; only the limit and the window are required. */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/** Whether each value of the scope has a budget of its own. */
	public boolean perKey() {
		return this.scope != BudgetScope.GLOBAL && this.match == null;
	}

	/** Builds a {@link Budget}: scope {@code global}, warn at 0.8, action {@code alert} unless set. */
	public static final class Builder {

		private final String name;

		private @Nullable BigDecimal limit;

		private @Nullable BudgetWindow window;

		private BudgetScope scope = BudgetScope.GLOBAL;

		private @Nullable String match;

		private List<BigDecimal> warnAt = DEFAULT_WARN_AT;

		private BudgetAction action = BudgetAction.ALERT;

		private Builder(String name) {
			this.name = name;
		}

		/** Sets the limit in US dollars per window; required. */
		public Builder limit(BigDecimal usd) {
			this.limit = usd;
			return this;
		}

		/** Sets the limit in US dollars, written as a decimal ({@code "5.00"}). */
		public Builder limit(String usd) {
			return limit(new BigDecimal(usd));
		}

		/** Sets the window spend is counted over; required. */
		public Builder window(BudgetWindow window) {
			this.window = window;
			return this;
		}

		/** A rolling ISO-8601 duration, or {@code day}, {@code week}, {@code month} in UTC. */
		public Builder window(String window) {
			return window(BudgetWindow.parse(window, ZoneId.of("UTC")));
		}

		/** Sets what spend is counted by: the application, or user, session, tag, model or provider. */
		public Builder scope(BudgetScope scope) {
			this.scope = scope;
			return this;
		}

		/** Limits the budget to one value of its scope; {@code null}: every value has a budget of its own. */
		public Builder match(@Nullable String match) {
			this.match = match;
			return this;
		}

		/** Sets the fractions of the limit that raise a warning (below 1), replacing the default 0.8. */
		public Builder warnAt(BigDecimal... fractions) {
			this.warnAt = Arrays.asList(fractions);
			return this;
		}

		/** Sets what happens once the limit is reached: an alert (the default), or refused calls. */
		public Builder action(BudgetAction action) {
			this.action = action;
			return this;
		}

		/** Builds the budget; fails naming the missing or invalid setting. */
		public Budget build() {
			return new Budget(this.name, this.limit, this.window, this.scope, this.match, this.warnAt, this.action);
		}

	}

}
