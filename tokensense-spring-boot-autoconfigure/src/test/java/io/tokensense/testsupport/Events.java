package io.tokensense.testsupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import org.jspecify.annotations.Nullable;

/** Hand-made events for tests of what consumes them. */
public final class Events {

	private Events() {
	}

	public static CallEvent priced(Instant at, String model, @Nullable String user, long input, long output,
			String cost, String... tags) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", model, model, input, output, 0L, 0L, 0L,
				input + output, new BigDecimal(cost), PricingStatus.PRICED, Duration.ofMillis(120), null, false,
				CallStatus.SUCCESS, null, user, null, List.of(tags), "chatcmpl-x", null, null, null);
	}

	public static CallEvent failed(Instant at, String model, @Nullable String user, String errorType) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", model, null, null, null, null, null, null, null,
				null, PricingStatus.NO_USAGE, Duration.ofMillis(30), null, false, CallStatus.ERROR, errorType, user,
				null, List.of(), null, null, null, null);
	}

	public static CallEvent unknownModel(Instant at, String model, @Nullable String user) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", model, model, 10L, 5L, 0L, 0L, 0L, 15L, null,
				PricingStatus.UNKNOWN_MODEL, Duration.ofMillis(50), null, false, CallStatus.SUCCESS, null, user, null,
				List.of(), null, null, null, null);
	}

}
