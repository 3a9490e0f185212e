package io.tokensense.autoconfigure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.budget.Budget;
import org.jspecify.annotations.Nullable;

/**
 * One budget, {@code tokensense.budgets.<name>.*}: a limit in USD per window for all calls, or
 * for each user, session, tag, model or provider.
 */
public class BudgetProperties {

	/**
	 * Limit in USD per window.
	 */
	private @Nullable BigDecimal limit;

	/**
	 * Window: a rolling ISO-8601 duration of at least one second (PT1H, P1D, P30D), or a
	 * calendar period, 'day', 'week' (from Monday) or 'month', in tokensense.budgets.zone.
	 */
	private @Nullable String window;

	/**
	 * What the limit applies to: 'global' (all calls together), 'user', 'session', 'tag',
	 * 'model' (the requested one) or 'provider'.
	 */
	private String scope = "global";

	/**
	 * One value of the scope this budget is for, e.g. a user id. When absent, every value has
	 * a budget of its own (each user their own limit).
	 */
	private @Nullable String match;

	/**
	 * Fractions of the limit, each above 0 and below 1, at which a warning alert is published.
	 * Setting it replaces the default.
	 */
	private List<BigDecimal> warnAt = new ArrayList<>(Budget.DEFAULT_WARN_AT);

	/**
	 * What happens once spend reaches the limit: 'alert' (publish a BudgetAlert) or 'block'
	 * (also refuse the calls of that key with BudgetExceededException until the window moves on).
	 */
	private String action = "alert";

	public @Nullable BigDecimal getLimit() {
		return this.limit;
	}

	public void setLimit(@Nullable BigDecimal limit) {
		this.limit = limit;
	}

	public @Nullable String getWindow() {
		return this.window;
	}

	public void setWindow(@Nullable String window) {
		this.window = window;
	}

	public String getScope() {
		return this.scope;
	}

	public void setScope(String scope) {
		this.scope = scope;
	}

	public @Nullable String getMatch() {
		return this.match;
	}

	public void setMatch(@Nullable String match) {
		this.match = match;
	}

	public List<BigDecimal> getWarnAt() {
		return this.warnAt;
	}

	public void setWarnAt(List<BigDecimal> warnAt) {
		this.warnAt = warnAt;
	}

	public String getAction() {
		return this.action;
	}

	public void setAction(String action) {
		this.action = action;
	}

}
