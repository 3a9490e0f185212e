package io.tokensense.internal.usage.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.jdbc.UserCheckpoints;
import io.tokensense.internal.usage.UsageQuery;
import org.jspecify.annotations.Nullable;

/**
 * The part of a report's window read from the per-user running totals: from the checkpoint
 * nearest its start to the checkpoint nearest its end. A user's sums over the window are the
 * sums between those checkpoints, plus the stretch from the end's checkpoint to the end, minus
 * the stretch from the start's checkpoint to the start; each stretch is at most half the
 * checkpoints' spacing and is read like any short window ({@link RollupWindow}).
 *
 * @param from the checkpoint nearest the window's start, {@code null} when the window has none
 * @param to the checkpoint nearest the window's end, after {@code from}
 */
record CheckpointSpan(@Nullable Instant from, Instant to) {

	/**
	 * The span of a window, or {@code null} when both ends are nearest the same checkpoint.
	 * @param rowsSince the oldest rows kept, {@code null} when all are: a start is never rounded
	 * down past them, as the stretch would be taken away from rows that are gone
	 */
	static @Nullable CheckpointSpan of(UsageQuery query, @Nullable Instant rowsSince) {
		long spacing = UserCheckpoints.SPACING_SECONDS;
		Instant to = RollupWindow.nearest(query.until(), spacing);
		Instant since = query.since();
		if (since == null) {
			return new CheckpointSpan(null, to);
		}
		Instant from = RollupWindow.nearestStart(since, spacing, rowsSince);
		return from.isBefore(to) ? new CheckpointSpan(from, to) : null;
	}

	/** The stretches between the checkpoints and the window's ends, signed, read from the roll-ups or the rows. */
	List<RollupWindow> edges(UsageQuery query, List<Rollup> rollups, @Nullable Instant rowsSince) {
		List<RollupWindow> parts = new ArrayList<>();
		Instant since = query.since();
		if (this.from != null && since != null) {
			RollupWindow.between(query, this.from, since, true, rollups, rowsSince, parts);
		}
		RollupWindow.between(query, this.to, query.until(), false, rollups, rowsSince, parts);
		return parts;
	}

}
