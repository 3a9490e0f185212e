package io.tokensense.internal.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;

/** Minimal distinct events for the SQLite tests. */
final class SqliteEvents {

	private SqliteEvents() {
	}

	static List<CallEvent> batch(int size) {
		List<CallEvent> events = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			events.add(new CallEvent(UUID.randomUUID(), Instant.now(), "openai", "chat", "gpt-4o-mini", null, 1L, 1L,
					0L, 0L, 0L, 2L, null, PricingStatus.UNKNOWN_MODEL, Duration.ofMillis(5), null, false,
					CallStatus.SUCCESS, null, null, null, List.of(), null, null, null, null));
		}
		return events;
	}

}
