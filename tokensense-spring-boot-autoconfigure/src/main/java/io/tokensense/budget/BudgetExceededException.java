package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Thrown instead of making an observed call whose key has spent a blocking budget's limit in
 * the current window. Nothing was sent to the provider and no {@code CallEvent} is recorded.
 */
public final class BudgetExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String budget;

	private final @Nullable String key;

	private final BigDecimal limit;

	private final BigDecimal spent;

	private final Instant resetsAt;

	public BudgetExceededException(String budget, @Nullable String key, BigDecimal limit, BigDecimal spent,
			Instant resetsAt) {
		super("TokenSense budget '" + budget + "'" + ((key != null) ? " of '" + key + "'" : "") + " is spent: "
				+ spent.toPlainString() + " of " + limit.toPlainString() + " USD; the call was not made. It resets at "
				+ resetsAt);
		this.budget = budget;
		this.key = key;
		this.limit = limit;
		this.spent = spent;
		this.resetsAt = resetsAt;
	}

	/** The budget's name. */
	public String budget() {
		return this.budget;
	}

	/** The user, session, tag, model or provider refused, or {@code null} for a global or matched budget. */
	public @Nullable String key() {
		return this.key;
	}

	/** The limit, USD. */
	public BigDecimal limit() {
		return this.limit;
	}

	/** The spend in the window when the key was blocked, USD. */
	public BigDecimal spent() {
		return this.spent;
	}

	/**
	 * When calls of the key are expected to be allowed again: the end of a calendar period, or
	 * when enough of a rolling window's spend has left it (an estimate when the spend was read
	 * from other instances).
	 */
	public Instant resetsAt() {
		return this.resetsAt;
	}

}
