package io.tokensense.autoconfigure.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import org.jspecify.annotations.Nullable;

/**
 * Known calls spread over a week, so each time window of the dashboard shows other numbers.
 * Their costs are given here, not priced: the dashboard only sums what the endpoint reports.
 */
final class DashboardEvents {

	private DashboardEvents() {
	}

	static List<CallEvent> around(Instant now) {
		return List.of(
				// the last hour: one priced call whose content was captured, one failure, one call of a model without a price
				withContent(call(now.minus(Duration.ofMinutes(20)), "gpt-4o", "alice", "s-1", "0.0031", 1000, 100,
						"checkout"), PROMPT, RESPONSE),
				failed(now.minus(Duration.ofMinutes(10)), "gpt-4o-mini", "alice"),
				unpriced(now.minus(Duration.ofMinutes(5)), "in-house-model", "carol"),
				// the last day
				call(now.minus(Duration.ofHours(2)), "gpt-4o-mini", "bob", "s-3", "0.00021", 1000, 100, "checkout"),
				// the last week
				call(now.minus(Duration.ofDays(3)), "claude-sonnet-4-5", "bob", "s-2", "0.0125", 2000, 300, "search"));
	}

	/** The captured content of the first call (content capture is on for it alone). */
	static final String PROMPT = "What is a token?";

	static final String RESPONSE = "A piece of a word.";

	private static CallEvent withContent(CallEvent event, String prompt, String response) {
		return new CallEvent(event.id(), event.timestamp(), event.provider(), event.operation(), event.requestModel(),
				event.responseModel(), event.inputTokens(), event.outputTokens(), event.cacheReadTokens(),
				event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens(), event.costUsd(),
				event.pricingStatus(), event.latency(), event.timeToFirstToken(), event.streamed(), event.status(),
				event.errorType(), event.userId(), event.sessionId(), event.tags(), event.requestId(), prompt, response,
				event.serviceTier());
	}

	private static CallEvent call(Instant at, String model, String user, String session, String cost, long input,
			long output, String tag) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", model, model, input, output, 0L, 0L, 0L,
				input + output, new BigDecimal(cost), PricingStatus.PRICED, Duration.ofMillis(120), null, false,
				CallStatus.SUCCESS, null, user, session, List.of(tag), "req-" + at.toEpochMilli(), null, null, null);
	}

	private static CallEvent failed(Instant at, String model, String user) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", model, null, null, null, null, null, null, null,
				null, PricingStatus.NO_USAGE, Duration.ofMillis(30), null, false, CallStatus.ERROR, "429", user, null,
				List.of(), null, null, null, null);
	}

	private static CallEvent unpriced(Instant at, String model, @Nullable String user) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", model, model, 10L, 5L, 0L, 0L, 0L, 15L, null,
				PricingStatus.UNKNOWN_MODEL, Duration.ofMillis(50), null, false, CallStatus.SUCCESS, null, user, null,
				List.of(), null, null, null, null);
	}

}
