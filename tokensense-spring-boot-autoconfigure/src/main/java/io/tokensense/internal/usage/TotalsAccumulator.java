package io.tokensense.internal.usage;

import java.math.BigDecimal;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.support.Counts;

/** Adds events up into {@link UsageTotals}; not thread-safe. */
final class TotalsAccumulator {

	private long calls;

	private long errors;

	private long inputTokens;

	private long outputTokens;

	private long cacheReadTokens;

	private long cacheWriteTokens;

	private long reasoningTokens;

	private BigDecimal costUsd = BigDecimal.ZERO;

	private long unpricedCalls;

	void add(CallEvent event) {
		this.calls++;
		if (event.status() == CallStatus.ERROR) {
			this.errors++;
		}
		if (event.status() == CallStatus.SUCCESS && event.pricingStatus() != PricingStatus.PRICED) {
			this.unpricedCalls++;
		}
		this.inputTokens = plus(this.inputTokens, event.inputTokens());
		this.outputTokens = plus(this.outputTokens, event.outputTokens());
		this.cacheReadTokens = plus(this.cacheReadTokens, event.cacheReadTokens());
		this.cacheWriteTokens = plus(this.cacheWriteTokens, event.cacheWriteTokens());
		this.reasoningTokens = plus(this.reasoningTokens, event.reasoningTokens());
		if (event.costUsd() != null) {
			this.costUsd = this.costUsd.add(event.costUsd());
		}
	}

	UsageTotals totals() {
		return new UsageTotals(this.calls, this.errors, this.inputTokens, this.outputTokens, this.cacheReadTokens,
				this.cacheWriteTokens, this.reasoningTokens, this.costUsd, this.unpricedCalls);
	}

	private static long plus(long sum, Long count) {
		return (count != null) ? Counts.saturatedAdd(sum, count) : sum;
	}

}
