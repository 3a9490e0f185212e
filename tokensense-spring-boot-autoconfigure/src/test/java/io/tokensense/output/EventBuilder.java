package io.tokensense.output;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;

/** Builds test events: a priced, successful Anthropic call unless told otherwise. */
public final class EventBuilder {

	UUID id = UUID.fromString("0b7c6a2e-3f7d-4a8e-9d61-2f1a5c9e8b10");

	Instant timestamp = Instant.parse("2025-06-01T12:00:00.123Z");

	String requestModel = "claude-sonnet-4-6";

	String responseModel = "claude-sonnet-4-6";

	Long inputTokens = 12L;

	Long outputTokens = 24L;

	Long cacheReadTokens = 0L;

	/** {@code null} means 0 when there is usage. */
	Long cacheWriteTokens;

	/** {@code null} means 0 when there is usage. */
	Long reasoningTokens;

	public BigDecimal costUsd = new BigDecimal("0.000396");

	PricingStatus pricingStatus = PricingStatus.PRICED;

	Duration latency = Duration.ofMillis(847);

	public Duration timeToFirstToken;

	CallStatus status = CallStatus.SUCCESS;

	String errorType;

	public String userId;

	public String sessionId;

	public List<String> tags = List.of();

	public String prompt;

	public static EventBuilder event() {
		return new EventBuilder();
	}

	public EventBuilder noUsage() {
		this.inputTokens = null;
		this.outputTokens = null;
		this.cacheReadTokens = null;
		this.costUsd = null;
		this.pricingStatus = PricingStatus.NO_USAGE;
		return this;
	}

	private Long orZero(Long detail) {
		return (detail != null || this.inputTokens == null) ? detail : Long.valueOf(0L);
	}

	public CallEvent build() {
		Long total = (this.inputTokens != null && this.outputTokens != null) ? this.inputTokens + this.outputTokens
				: null;
		return new CallEvent(this.id, this.timestamp, "anthropic", "messages", this.requestModel, this.responseModel,
				this.inputTokens, this.outputTokens, this.cacheReadTokens, orZero(this.cacheWriteTokens),
				orZero(this.reasoningTokens), total, this.costUsd, this.pricingStatus, this.latency,
				this.timeToFirstToken, this.timeToFirstToken != null, this.status, this.errorType, this.userId,
				this.sessionId, this.tags, "msg_01", this.prompt, null, null);
	}

}
