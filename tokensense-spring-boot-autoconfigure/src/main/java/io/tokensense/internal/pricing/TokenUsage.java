package io.tokensense.internal.pricing;

import io.tokensense.internal.support.Counts;

/**
 * Token counts of one call, normalised across providers (OpenTelemetry's meaning).
 *
 * <p>{@code input} counts every input token, cache reads and writes included; {@code output}
 * every output token, reasoning included. The other fields are subsets: {@code cacheWrite1h}
 * is the part of {@code cacheWrite} written with Anthropic's one-hour lifetime. Counts a
 * provider does not report are {@code 0}. Sums clamp at {@link Long#MAX_VALUE} instead of
 * overflowing, so an absurd payload never turns into a negative count or an exception.
 *
 * @param input all input tokens
 * @param output all output tokens
 * @param cacheRead input tokens read from the prompt cache
 * @param cacheWrite input tokens written to the prompt cache
 * @param cacheWrite1h the part of {@code cacheWrite} kept for one hour
 * @param reasoning output tokens spent on reasoning
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite, long cacheWrite1h,
		long reasoning) {

	public TokenUsage {
		input = nonNegative(input);
		output = nonNegative(output);
		cacheRead = Math.min(nonNegative(cacheRead), input);
		cacheWrite = Math.min(nonNegative(cacheWrite), input - cacheRead);
		cacheWrite1h = Math.min(nonNegative(cacheWrite1h), cacheWrite);
		reasoning = Math.min(nonNegative(reasoning), output);
	}

	/** Usage of a call with plain input and output tokens only. */
	public static TokenUsage of(long input, long output) {
		return new TokenUsage(input, output, 0, 0, 0, 0);
	}

	/** Input plus output, clamped at {@link Long#MAX_VALUE}. */
	public long total() {
		return Counts.saturatedAdd(this.input, this.output);
	}

	/** Input tokens neither read from nor written to the cache. */
	public long uncachedInput() {
		return this.input - this.cacheRead - this.cacheWrite;
	}

	/** Output tokens that are not reasoning. */
	public long visibleOutput() {
		return this.output - this.reasoning;
	}

	private static long nonNegative(long count) {
		return Math.max(count, 0);
	}

}
