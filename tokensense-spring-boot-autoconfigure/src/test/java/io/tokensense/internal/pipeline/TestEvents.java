package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;

/** Minimal events for pipeline tests: only the id matters. */
final class TestEvents {

	private TestEvents() {
	}

	static CallEvent event() {
		return new CallEvent(UUID.randomUUID(), Instant.now(), "openai", "chat", "gpt-4o-mini", null, null, null,
				null, null, null, null, null, PricingStatus.NO_USAGE, Duration.ofMillis(5), null, false,
				CallStatus.SUCCESS, null, null, null, List.of(), null, null, null, null);
	}

}
