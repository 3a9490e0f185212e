package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Published as an application event once per threshold, window and key when a budget's spend
 * reaches a threshold: a warn fraction ({@code level} {@code warn}) or the limit itself
 * ({@code exceeded}, threshold 1). Listen with a plain {@code @EventListener}.
 *
 * @param budget the budget's name
 * @param scope {@code global}, {@code user}, {@code session}, {@code tag}, {@code model} or {@code provider}
 * @param key the user, session, tag, model or provider whose spend crossed, or {@code null} for a
 * global budget or one with {@code match}
 * @param level {@code warn} or {@code exceeded}
 * @param threshold the fraction of the limit crossed (1 for {@code exceeded})
 * @param limit the limit in USD
 * @param spent the spend in the window, USD
 * @param windowStart where the window starts
 * @param windowEnd where it ends (now, for a rolling window)
 */
public record BudgetAlert(String budget, String scope, @Nullable String key, String level, BigDecimal threshold,
		BigDecimal limit, BigDecimal spent, Instant windowStart, Instant windowEnd) {

	/** The level of an alert below the limit. */
	public static final String WARN = "warn";

	/** The level of an alert at or over the limit. */
	public static final String EXCEEDED = "exceeded";

}
