package io.tokensense.internal.usage.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.usage.UsageQuery;
import org.jspecify.annotations.Nullable;

/**
 * One part of a report's window, where it is read (a roll-up's whole buckets, or the rows) and
 * whether it adds to the answer or is taken away from it.
 *
 * <p>{@link #split} reads the window's whole buckets from the coarsest roll-up and the
 * difference at each edge from the next finer one, and so on down to the rows. A compact
 * roll-up ({@link Rollup#compact()}) is read to the bucket boundary <em>nearest</em> each edge:
 * when that is past the edge, the stretch between them is taken away again, so an edge is at
 * most half a bucket from what the next level reads. With hours per model, a window from 10:17
 * to 14:37 reads 10:00 to 15:00 from the hours, minus 10:00 to 10:17 and minus 14:37 to 15:00
 * from the rows (rows of 40 minutes, not of 1 hour 6 minutes). Other roll-ups are read for the
 * whole buckets inside the window only, and so is any roll-up at a start older than the rows
 * that retention keeps (the overshoot would be taken away from rows that are gone). A window
 * without {@code since} takes every bucket before the edge from the coarsest roll-up.
 *
 * @param query the part's window and filters
 * @param source the roll-up it is read from, {@code null} for the rows
 * @param subtract whether the part's sums are taken away from the answer
 */
record RollupWindow(UsageQuery query, @Nullable Rollup source, boolean subtract) {

	RollupWindow(UsageQuery query, @Nullable Rollup source) {
		this(query, source, false);
	}

	/**
	 * The parts of a query, in time order of the roll-ups' parts.
	 * @param query the report's window
	 * @param rollups the roll-ups to read, coarsest first
	 * @param rowsSince the oldest rows kept ({@code tokensense.jdbc.retention}), {@code null} when all are
	 */
	static List<RollupWindow> split(UsageQuery query, List<Rollup> rollups, @Nullable Instant rowsSince) {
		List<RollupWindow> parts = new ArrayList<>();
		split(query, query.since(), query.until(), false, new Levels(rollups, rowsSince), 0, parts);
		return parts;
	}

	/**
	 * The parts that give the sums from {@code from} to {@code to} with a sign: from the earlier
	 * to the later of the two, taken away when {@code to} is the earlier.
	 */
	static void between(UsageQuery query, Instant from, Instant to, boolean subtract, List<Rollup> rollups,
			@Nullable Instant rowsSince, List<RollupWindow> parts) {
		edge(query, from, to, subtract, new Levels(rollups, rowsSince), 0, parts);
	}

	private static void split(UsageQuery query, @Nullable Instant since, Instant until, boolean subtract,
			Levels levels, int level, List<RollupWindow> parts) {
		if (level == levels.rollups().size()) {
			parts.add(new RollupWindow(window(query, since, until), null, subtract));
			return;
		}
		Rollup rollup = levels.rollups().get(level);
		long seconds = rollup.seconds();
		// a roll-up that is not compact is read only inside the window: its overshoot costs as much as the rows
		Instant last = rollup.compact() ? nearest(until, seconds) : floor(until, seconds);
		Instant first = (since == null) ? null
				: rollup.compact() ? nearestStart(since, seconds, levels.rowsSince()) : ceil(since, seconds);
		if (first != null && !first.isBefore(last)) {
			split(query, since, until, subtract, levels, level + 1, parts);
			return;
		}
		if (since != null) {
			edge(query, first, since, !subtract, levels, level + 1, parts);
		}
		parts.add(new RollupWindow(window(query, first, last), rollup, subtract));
		edge(query, last, until, subtract, levels, level + 1, parts);
	}

	/** The sums from {@code from} to {@code to}: added, or taken away, when {@code to} comes first. */
	private static void edge(UsageQuery query, Instant from, Instant to, boolean subtract, Levels levels, int level,
			List<RollupWindow> parts) {
		if (from.isBefore(to)) {
			split(query, from, to, subtract, levels, level, parts);
		}
		else if (to.isBefore(from)) {
			split(query, to, from, !subtract, levels, level, parts);
		}
	}

	/**
	 * Where a part read from whole buckets starts, for a window starting at {@code since}: the
	 * boundary nearest it, unless that lies before the oldest rows kept, where the overshoot would
	 * be taken away from rows that retention deleted; then the boundary after it.
	 * @param rowsSince the oldest rows kept, {@code null} when all are
	 */
	static Instant nearestStart(Instant since, long seconds, @Nullable Instant rowsSince) {
		Instant nearest = nearest(since, seconds);
		return (rowsSince != null && nearest.isBefore(rowsSince)) ? ceil(since, seconds) : nearest;
	}

	/** The bucket boundary nearest an instant; half way rounds down. */
	static Instant nearest(Instant instant, long seconds) {
		Instant down = floor(instant, seconds);
		return instant.isAfter(down.plusSeconds(seconds / 2)) ? down.plusSeconds(seconds) : down;
	}

	private static Instant floor(Instant instant, long seconds) {
		return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
	}

	private static Instant ceil(Instant instant, long seconds) {
		Instant floor = floor(instant, seconds);
		return floor.equals(instant) ? floor : floor.plusSeconds(seconds);
	}

	/**
	 * The roll-ups to read, coarsest first, and the oldest rows kept.
	 * @param rollups the roll-ups
	 * @param rowsSince the oldest rows kept, {@code null} when all are
	 */
	private record Levels(List<Rollup> rollups, @Nullable Instant rowsSince) {

	}

	private static UsageQuery window(UsageQuery query, @Nullable Instant since, Instant until) {
		return new UsageQuery(since, until, query.userId(), query.sessionId(), query.tag());
	}

}
