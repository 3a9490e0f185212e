package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a budget, or one key of a budget per key, stands now.
 *
 * @param name the budget
 * @param scope its scope
 * @param key the user, session, tag, model or provider, or {@code null} for a global or matched budget
 * @param limit USD per window
 * @param spent USD spent in the window
 * @param remaining what is left before the limit, never below zero
 * @param windowStart where the window starts
 * @param windowEnd where it ends (now, for a rolling window)
 * @param state {@code ok}, {@code warn} (a warn threshold reached) or {@code exceeded}
 */
public record BudgetStatus(String name, String scope, @Nullable String key, BigDecimal limit, BigDecimal spent,
		BigDecimal remaining, Instant windowStart, Instant windowEnd, String state) {

	/** Below every threshold. */
	public static final String OK = "ok";

}
