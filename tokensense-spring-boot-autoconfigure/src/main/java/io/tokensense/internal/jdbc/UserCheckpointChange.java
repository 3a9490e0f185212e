package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What one batch changes for one user in the running totals ({@link UserCheckpoints}), worked
 * out in Java from the user's row before the batch and the batch's sums per spacing, so that
 * the database only adds and inserts: the new first and last checkpoint; the checkpoints to
 * write, every one between them that was not kept yet (a user idle for a month gets all the
 * missing ones at once, so the reader never meets a gap); and the ranges of kept checkpoints
 * that late calls fall before, each with what it gains. Calls in the user's current spacing
 * change none of the kept checkpoints; the first batch of a new spacing writes one.
 *
 * @param first the user's first checkpoint after the batch, epoch seconds
 * @param last the user's last checkpoint after the batch, epoch seconds
 * @param added the batch's totals for the user
 * @param writes the checkpoints to write
 * @param additions the ranges of kept checkpoints to add to
 */
record UserCheckpointChange(long first, long last, RollupKey.Sums added, List<Checkpoint> writes,
		List<Addition> additions) {

	static final RollupKey.Sums ZERO = new RollupKey.Sums(0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

	private static final long SPACING = UserCheckpoints.SPACING_SECONDS;

	/**
	 * The change a batch makes.
	 * @param before the user's row before the batch, or {@code null} for a user without calls
	 * @param spacings the batch's sums per spacing (its start, epoch seconds), not empty
	 * @return the change
	 */
	static UserCheckpointChange of(@Nullable UserTotals before, NavigableMap<Long, RollupKey.Sums> spacings) {
		NavigableMap<Long, RollupKey.Sums> upTo = new TreeMap<>();
		RollupKey.Sums added = ZERO;
		for (Map.Entry<Long, RollupKey.Sums> spacing : spacings.entrySet()) {
			added = added.plus(spacing.getValue());
			upTo.put(spacing.getKey(), added);
		}
		long batchFirst = spacings.firstKey() + SPACING;
		long batchLast = spacings.lastKey();
		// a new user is one whose checkpoints all lie after its (empty) range
		long first = (before != null) ? before.first() : batchFirst;
		long last = (before != null) ? before.last() : batchFirst - SPACING;
		RollupKey.Sums totals = (before != null) ? before.sums() : ZERO;
		long newFirst = Math.min(first, batchFirst);
		long newLast = Math.max(last, batchLast);
		List<Checkpoint> writes = new ArrayList<>();
		for (long at = newFirst; at < first; at += SPACING) {
			writes.add(new Checkpoint(at, before(upTo, at)));
		}
		for (long at = last + SPACING; at <= newLast; at += SPACING) {
			writes.add(new Checkpoint(at, totals.plus(before(upTo, at))));
		}
		// a kept checkpoint gains the batch's calls before it: the same for all between two of the batch's spacings
		List<Addition> additions = new ArrayList<>();
		for (Map.Entry<Long, RollupKey.Sums> spacing : upTo.entrySet()) {
			Long next = upTo.higherKey(spacing.getKey());
			long after = Math.max(spacing.getKey(), first - SPACING);
			long until = (next != null) ? Math.min(next, last) : last;
			if (after < until) {
				additions.add(new Addition(after, until, spacing.getValue()));
			}
		}
		return new UserCheckpointChange(newFirst, newLast, added, writes, additions);
	}

	/** The batch's sums of the spacings that start before the instant. */
	private static RollupKey.Sums before(NavigableMap<Long, RollupKey.Sums> upTo, long at) {
		Map.Entry<Long, RollupKey.Sums> entry = upTo.lowerEntry(at);
		return (entry != null) ? entry.getValue() : ZERO;
	}

	/**
	 * A user's row as kept before the batch.
	 * @param first first checkpoint, epoch seconds
	 * @param last last checkpoint, epoch seconds
	 * @param sums the totals of all the user's calls
	 */
	record UserTotals(long first, long last, RollupKey.Sums sums) {

	}

	/**
	 * A checkpoint to write.
	 * @param at its instant, epoch seconds
	 * @param sums the totals of the user's calls before it
	 */
	record Checkpoint(long at, RollupKey.Sums sums) {

	}

	/**
	 * Sums to add to the kept checkpoints after one instant up to another.
	 * @param after exclusive, epoch seconds
	 * @param upTo inclusive, epoch seconds
	 * @param sums what each of them gains
	 */
	record Addition(long after, long upTo, RollupKey.Sums sums) {

	}

}
