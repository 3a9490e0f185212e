package io.tokensense.output;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;

/** Events for the jdbc output's tests: many similar ones, and a few with every edge filled in. */
final class JdbcTestEvents {

	static final Instant START = Instant.parse("2026-03-01T08:00:00.123456Z");

	private JdbcTestEvents() {
	}

	static List<CallEvent> events(int count) {
		Random random = new Random(count);
		List<CallEvent> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String cost = BigDecimal.valueOf(random.nextInt(10_000_000), 10).add(new BigDecimal("0.0000000001"))
				.toPlainString();
			events.add(event(UUID.randomUUID(), START.plusSeconds(i), random.nextInt(100_000), cost));
		}
		return events;
	}

	static CallEvent event(UUID id, Instant timestamp, long input, String cost) {
		return new CallEvent(id, timestamp, "openai", "chat", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", input,
				input / 2, 0L, 0L, 0L, input + input / 2, new BigDecimal(cost), PricingStatus.PRICED,
				Duration.ofMillis(120), null, false, CallStatus.SUCCESS, null, "user-" + (input % 7), "s-1",
				List.of("batch"), "chatcmpl-" + id, null, null, null);
	}

	/** Every field set: unicode, a long prompt, an exact cost with many decimals. */
	static CallEvent fullEvent() {
		String prompt = "Résumé ✓ 日本語 🚀 \"quoted\" ".repeat(4_000);
		return new CallEvent(UUID.randomUUID(), START, "anthropic", "messages", "claude-sonnet-4-6",
				"claude-sonnet-4-6-20260101", 1_234_567L, 890L, 1_000_000L, 200_000L, 45L, 1_235_457L,
				new BigDecimal("12.345678901234567891"), PricingStatus.PRICED, Duration.ofMillis(8_470),
				Duration.ofMillis(312), true, CallStatus.SUCCESS, null, "Zoë", "séance-42",
				List.of("production", "chat-feature", "ünïcode"), "msg_01XYZ", prompt, "Bonjour 👋", "priority");
	}

	static CallEvent unpricedErrorEvent() {
		return new CallEvent(UUID.randomUUID(), START.plusMillis(1), "groq", "chat", "llama-9000", null, 10L, 0L, 0L,
				0L, 0L, 10L, null, PricingStatus.UNKNOWN_MODEL, Duration.ofMillis(5), null, false, CallStatus.ERROR,
				"429", null, null, List.of(), null, null, null, null);
	}

	static CallEvent noUsageEvent() {
		return new CallEvent(UUID.randomUUID(), START.plus(1, ChronoUnit.DAYS), "openai", "embeddings", null, null,
				null, null, null, null, null, null, null, PricingStatus.NO_USAGE, Duration.ZERO, null, false,
				CallStatus.CANCELLED, null, null, null, List.of("x"), null, null, null, null);
	}

}
