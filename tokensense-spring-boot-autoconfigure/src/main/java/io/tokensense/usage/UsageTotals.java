package io.tokensense.usage;

import java.math.BigDecimal;

/**
 * Sums over a set of calls. {@code errors} counts calls that ended in {@code ERROR};
 * {@code unpricedCalls} counts successful calls without a cost ({@code UNKNOWN_MODEL} or
 * {@code NO_USAGE}), so a total cost is never silently short.
 *
 * @param calls number of calls
 * @param errors calls that failed
 * @param inputTokens all input tokens
 * @param outputTokens all output tokens
 * @param cacheReadTokens input tokens read from a prompt cache
 * @param cacheWriteTokens input tokens written to a prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 * @param costUsd total cost of the priced calls
 * @param unpricedCalls successful calls that have no cost
 */
public record UsageTotals(long calls, long errors, long inputTokens, long outputTokens, long cacheReadTokens,
		long cacheWriteTokens, long reasoningTokens, BigDecimal costUsd, long unpricedCalls) {

	/** No calls. */
	public static final UsageTotals EMPTY = new UsageTotals(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);

}
