package io.tokensense.internal.usage;

import java.math.BigDecimal;
import java.util.Comparator;

import io.tokensense.internal.support.MoneyJson;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * The totals of one key of a breakdown (a model, a user, ...). Flat, so the JSON reads
 * {@code {"key": "gpt-4o-mini", "calls": 12, ...}}.
 *
 * @param key the model, provider, user, session or tag; {@code null} for calls without one
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
public record UsageRow(String key, long calls, long errors, long inputTokens, long outputTokens,
		long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, @JsonIgnore BigDecimal costUsd,
		long unpricedCalls) {

	/** Label of calls that have no value for the dimension (no user, no model). */
	public static final String NONE = "none";

	/** Highest cost first, then most calls, then key: a stable order for equal rows. */
	public static final Comparator<UsageRow> BY_COST = Comparator.comparing(UsageRow::costUsd)
		.thenComparingLong(UsageRow::calls)
		.reversed()
		.thenComparing(UsageRow::key);

	/** The row of a key with these totals. */
	public static UsageRow of(String key, UsageTotals totals) {
		return new UsageRow(key, totals.calls(), totals.errors(), totals.inputTokens(), totals.outputTokens(),
				totals.cacheReadTokens(), totals.cacheWriteTokens(), totals.reasoningTokens(), totals.costUsd(),
				totals.unpricedCalls());
	}

	/** This row's totals plus another's (for keys gathered from several groups, such as tags). */
	public UsageRow plus(UsageRow other) {
		return new UsageRow(this.key, this.calls + other.calls, this.errors + other.errors,
				this.inputTokens + other.inputTokens, this.outputTokens + other.outputTokens,
				this.cacheReadTokens + other.cacheReadTokens, this.cacheWriteTokens + other.cacheWriteTokens,
				this.reasoningTokens + other.reasoningTokens, this.costUsd.add(other.costUsd),
				this.unpricedCalls + other.unpricedCalls);
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
