package io.tokensense.internal.usage.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.usage.UsageQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollupWindowTest {

	private static final List<Rollup> DAYS_THEN_HOURS = List.of(Rollup.DAILY_USERS, Rollup.HOURLY);

	@Test
	void roundsEachEdgeToTheNearestBoundaryAndTakesTheDifferenceAwayOrAddsIt() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:17:00Z"), Instant.parse("2026-11-09T14:37:00Z"),
				"alice", null, null);

		List<RollupWindow> parts = RollupWindow.split(query, DAYS_THEN_HOURS, null);

		// the 3rd to the 10th in days, less the 3rd until 10:17 and the 9th from 14:37
		assertThat(parts).extracting(RollupWindowTest::describe)
			.containsExactly("- 2026-11-03T00:00:00Z 2026-11-03T10:00:00Z HOURLY",
					"- 2026-11-03T10:00:00Z 2026-11-03T10:17:00Z rows",
					"+ 2026-11-03T00:00:00Z 2026-11-10T00:00:00Z DAILY_USERS",
					"- 2026-11-09T14:37:00Z 2026-11-09T15:00:00Z rows",
					"- 2026-11-09T15:00:00Z 2026-11-10T00:00:00Z HOURLY");
		assertThat(parts).allSatisfy((part) -> assertThat(part.query().userId()).isEqualTo("alice"));
	}

	@Test
	void aShortWindowBetweenTwoBoundariesIsReadFromTheRows() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:40:00Z"), Instant.parse("2026-11-03T10:50:00Z"),
				null, null, null);

		assertThat(RollupWindow.split(query, DAYS_THEN_HOURS, null)).containsExactly(new RollupWindow(query, null));
	}

	@Test
	void aWindowWithoutStartTakesEveryBucketBeforeTheNearestBoundary() {
		UsageQuery query = new UsageQuery(null, Instant.parse("2026-11-09T10:37:00Z"), null, null, null);

		assertThat(RollupWindow.split(query, DAYS_THEN_HOURS, null)).extracting(RollupWindowTest::describe)
			.containsExactly("+ null 2026-11-09T00:00:00Z DAILY_USERS", "+ 2026-11-09T00:00:00Z 2026-11-09T10:00:00Z HOURLY",
					"+ 2026-11-09T10:00:00Z 2026-11-09T10:37:00Z rows");
	}

	@Test
	void aCompactRollupIsReadToTheNearestBoundaryAndTheOvershootTakenAway() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:17:00Z"), Instant.parse("2026-11-03T14:37:00Z"),
				null, null, null);

		assertThat(RollupWindow.split(query, List.of(Rollup.HOURLY_MODELS), null)).extracting(RollupWindowTest::describe)
			.containsExactly("- 2026-11-03T10:00:00Z 2026-11-03T10:17:00Z rows",
					"+ 2026-11-03T10:00:00Z 2026-11-03T15:00:00Z HOURLY_MODELS",
					"- 2026-11-03T14:37:00Z 2026-11-03T15:00:00Z rows");
	}

	@Test
	void aStartIsNotRoundedDownPastTheOldestKeptRows() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:17:00Z"), Instant.parse("2026-11-03T14:37:00Z"),
				null, null, null);

		assertThat(RollupWindow.split(query, List.of(Rollup.HOURLY_MODELS), Instant.parse("2026-11-03T10:05:00Z")))
			.extracting(RollupWindowTest::describe)
			.containsExactly("+ 2026-11-03T10:17:00Z 2026-11-03T11:00:00Z rows",
					"+ 2026-11-03T11:00:00Z 2026-11-03T15:00:00Z HOURLY_MODELS",
					"- 2026-11-03T14:37:00Z 2026-11-03T15:00:00Z rows");
	}

	@Test
	void aRollupThatIsNotCompactIsReadInsideTheWindowOnly() {
		UsageQuery query = new UsageQuery(Instant.parse("2026-11-03T10:17:00Z"), Instant.parse("2026-11-03T14:37:00Z"),
				null, null, null);

		assertThat(RollupWindow.split(query, List.of(Rollup.HOURLY), null)).extracting(RollupWindowTest::describe)
			.containsExactly("+ 2026-11-03T10:17:00Z 2026-11-03T11:00:00Z rows",
					"+ 2026-11-03T11:00:00Z 2026-11-03T14:00:00Z HOURLY",
					"+ 2026-11-03T14:00:00Z 2026-11-03T14:37:00Z rows");
	}

	/**
	 * Over random windows: every instant is counted exactly once if it is in the window and not
	 * at all otherwise, every roll-up part covers whole buckets, and no stretch of rows is longer
	 * than half an hour after a compact roll-up (an hour after the others) unless the whole window
	 * is read from the rows.
	 */
	@Test
	void partsAddUpToTheWindowAndReadFewRows() {
		partsAddUpToTheWindow(DAYS_THEN_HOURS, Duration.ofHours(1).minusSeconds(1));
		partsAddUpToTheWindow(List.of(Rollup.HOURLY_MODELS), Duration.ofMinutes(30));
		partsAddUpToTheWindow(List.of(Rollup.DAILY_USERS, Rollup.HOURLY_MODELS), Duration.ofMinutes(30));
	}

	private static void partsAddUpToTheWindow(List<Rollup> rollups, Duration longestRows) {
		Random random = new Random(11);
		Instant base = Instant.parse("2026-11-01T00:00:00Z");
		for (int run = 0; run < 2_000; run++) {
			Instant since = base.plusSeconds(random.nextInt(10 * 86_400));
			Instant until = since.plusSeconds(1 + random.nextInt((run % 2 == 0) ? 7200 : 8 * 86_400));
			UsageQuery query = new UsageQuery(random.nextInt(10) == 0 ? null : since, until, null, null, null);
			List<RollupWindow> parts = RollupWindow.split(query, rollups, null);
			for (int probe = 0; probe < 200; probe++) {
				Instant at = base.minusSeconds(86_400).plusSeconds(random.nextInt(12 * 86_400));
				boolean inside = (query.since() == null || !at.isBefore(query.since())) && at.isBefore(until);
				assertThat(count(parts, at)).as("%s at %s: %s", query, at, parts).isEqualTo(inside ? 1 : 0);
			}
			for (RollupWindow part : parts) {
				if (part.source() != null) {
					assertThat(part.query().until().getEpochSecond() % part.source().seconds()).isZero();
					if (part.query().since() != null) {
						assertThat(part.query().since().getEpochSecond() % part.source().seconds()).isZero();
					}
				}
				else if (parts.size() > 1) {
					assertThat(Duration.between(part.query().since(), part.query().until()))
						.isLessThanOrEqualTo(longestRows);
				}
			}
		}
	}

	private static int count(List<RollupWindow> parts, Instant at) {
		int count = 0;
		for (RollupWindow part : parts) {
			UsageQuery window = part.query();
			if ((window.since() == null || !at.isBefore(window.since())) && at.isBefore(window.until())) {
				count += part.subtract() ? -1 : 1;
			}
		}
		return count;
	}

	private static String describe(RollupWindow part) {
		return (part.subtract() ? "- " : "+ ") + part.query().since() + " " + part.query().until() + " "
				+ ((part.source() != null) ? part.source() : "rows");
	}

}
