package io.tokensense.internal.usage;

import java.math.BigDecimal;

import io.tokensense.internal.support.MoneyJson;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

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
		long cacheWriteTokens, long reasoningTokens, @JsonIgnore BigDecimal costUsd,
		long unpricedCalls) {

	/** No calls. */
	public static final UsageTotals EMPTY = new UsageTotals(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);

	/** These totals plus another's. */
	public UsageTotals plus(UsageTotals other) {
		return new UsageTotals(this.calls + other.calls, this.errors + other.errors,
				this.inputTokens + other.inputTokens, this.outputTokens + other.outputTokens,
				this.cacheReadTokens + other.cacheReadTokens, this.cacheWriteTokens + other.cacheWriteTokens,
				this.reasoningTokens + other.reasoningTokens, this.costUsd.add(other.costUsd),
				this.unpricedCalls + other.unpricedCalls);
	}

	/** The same sums with the opposite sign: a part of a report that is taken away. */
	public UsageTotals negated() {
		return new UsageTotals(-this.calls, -this.errors, -this.inputTokens, -this.outputTokens, -this.cacheReadTokens,
				-this.cacheWriteTokens, -this.reasoningTokens, this.costUsd.negate(), -this.unpricedCalls);
	}

	/**
	 * {@code costUsd} as JSON writes it: raw plain notation, so that no mapper setting turns it
	 * into {@code 1.5E-7}. Annotations only, so Jackson 2 and 3 both honour it.
	 */
	@JsonProperty("costUsd")
	@JsonRawValue
	String costUsdJson() {
		return MoneyJson.plain(this.costUsd);
	}

}
