package io.tokensense.internal.recording;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

	@Test
	void isAVersion7UuidCarryingTheMillisecond() {
		Instant start = Instant.parse("2026-11-27T10:15:30.123Z");
		UUID id = EventIds.next(start);
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(start.toEpochMilli());
	}

	@Test
	void sortsByTimeAcrossMilliseconds() {
		UUID earlier = EventIds.next(Instant.parse("2026-11-27T10:15:30.123Z"));
		UUID later = EventIds.next(Instant.parse("2026-11-27T10:15:30.124Z"));
		assertThat(earlier.toString()).isLessThan(later.toString());
	}

	@Test
	void drawsDistinctIdsWithinOneMillisecond() {
		Instant now = Instant.now();
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			ids.add(EventIds.next(now));
		}
		assertThat(ids).hasSize(100_000);
	}

}
