package io.tokensense.internal.usage.jdbc;

import java.time.Instant;
import java.util.List;

import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.usage.UsageQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollupWindowTest {

	@Test
	void readsWholeDaysThenWholeHoursThenRowsAtEachEdge() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:17:00Z"), Instant.parse("2026-11-09T14:37:00Z"),
				"alice", null, null);

		List<RollupWindow> parts = RollupWindow.split(query, List.of(Rollup.DAILY_USERS, Rollup.HOURLY));

		assertThat(parts).extracting((part) -> part.query().since() + " " + part.query().until() + " " + part.source())
			.containsExactly("2026-11-03T10:17:00Z 2026-11-03T11:00:00Z null",
					"2026-11-03T11:00:00Z 2026-11-04T00:00:00Z HOURLY", "2026-11-04T00:00:00Z 2026-11-09T00:00:00Z DAILY_USERS",
					"2026-11-09T00:00:00Z 2026-11-09T14:00:00Z HOURLY", "2026-11-09T14:00:00Z 2026-11-09T14:37:00Z null");
		assertThat(parts).allSatisfy((part) -> assertThat(part.query().userId()).isEqualTo("alice"));
	}

	@Test
	void aWindowWithinOneHourIsReadFromTheRows() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:17:00Z"), Instant.parse("2026-11-03T10:47:00Z"),
				null, null, null);

		assertThat(RollupWindow.split(query, List.of(Rollup.DAILY_USERS, Rollup.HOURLY)))
			.containsExactly(new RollupWindow(query, null));
	}

	@Test
	void aWindowWithoutStartTakesEveryWholeDayFromTheDays() {
		UsageQuery query = new UsageQuery(null, Instant.parse("2026-11-09T14:37:00Z"), null, null, null);

		assertThat(RollupWindow.split(query, List.of(Rollup.DAILY_USERS, Rollup.HOURLY)))
			.extracting((part) -> part.query().since() + " " + part.query().until() + " " + part.source())
			.containsExactly("null 2026-11-09T00:00:00Z DAILY_USERS", "2026-11-09T00:00:00Z 2026-11-09T14:00:00Z HOURLY",
					"2026-11-09T14:00:00Z 2026-11-09T14:37:00Z null");
	}

}
