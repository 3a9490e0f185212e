package io.tokensense.internal.usage.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.usage.UsageQuery;
import org.jspecify.annotations.Nullable;

/**
 * One part of a report's window and where it is read: a roll-up's whole buckets, or the rows.
 * {@link #split} reads the whole buckets of the coarsest roll-up, the partial buckets at both
 * edges from the next finer one, and so on down to the rows: with days and then hours, a window
 * from 10:17 on the 3rd to 14:37 on the 9th reads 10:17 to 11:00 from the rows, 11:00 to
 * midnight in hours, the 4th to the 8th in days, the 9th until 14:00 in hours and the rest from
 * the rows. A window without {@code since} takes every bucket before the last from the coarsest
 * roll-up.
 *
 * @param query the part's window and filters
 * @param source the roll-up it is read from, {@code null} for the rows
 */
record RollupWindow(UsageQuery query, @Nullable Rollup source) {

	/**
	 * The parts of a query, in time order.
	 * @param query the report's window
	 * @param rollups the roll-ups to read, coarsest first
	 */
	static List<RollupWindow> split(UsageQuery query, List<Rollup> rollups) {
		List<RollupWindow> parts = new ArrayList<>();
		split(query, rollups, 0, parts);
		return parts;
	}

	private static void split(UsageQuery query, List<Rollup> rollups, int level, List<RollupWindow> parts) {
		if (level == rollups.size()) {
			parts.add(new RollupWindow(query, null));
			return;
		}
		Rollup rollup = rollups.get(level);
		Instant since = query.since();
		Instant last = floor(query.until(), rollup.seconds());
		Instant first = (since != null) ? ceil(since, rollup.seconds()) : null;
		if (first != null && !first.isBefore(last)) {
			split(query, rollups, level + 1, parts);
			return;
		}
		if (since != null && since.isBefore(first)) {
			split(window(query, since, first), rollups, level + 1, parts);
		}
		parts.add(new RollupWindow(window(query, first, last), rollup));
		if (last.isBefore(query.until())) {
			split(window(query, last, query.until()), rollups, level + 1, parts);
		}
	}

	private static Instant floor(Instant instant, long seconds) {
		return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
	}

	private static Instant ceil(Instant instant, long seconds) {
		Instant floor = floor(instant, seconds);
		return floor.equals(instant) ? floor : floor.plusSeconds(seconds);
	}

	private static UsageQuery window(UsageQuery query, @Nullable Instant since, Instant until) {
		return new UsageQuery(since, until, query.userId(), query.sessionId(), query.tag());
	}

}
