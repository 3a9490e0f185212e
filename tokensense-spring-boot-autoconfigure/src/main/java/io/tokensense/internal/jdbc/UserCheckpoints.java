package io.tokensense.internal.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Running totals per user, kept beside the calls table so that a breakdown by user over any
 * window reads two rows per user instead of a row per user and bucket.
 *
 * <p>{@code <table>_users} holds, per user, the totals of every call so far and the first and
 * last checkpoint kept for that user. {@code <table>_user_checkpoints} holds, per user and
 * checkpoint (every {@link #SPACING_SECONDS} from the epoch), the totals of the user's calls
 * before that instant, for every checkpoint from the user's first to last one. A user's total
 * before a checkpoint {@code B} is then nothing when {@code B} is before the first, the users
 * row when after the last, and the checkpoint row otherwise; a window between two checkpoints
 * is the difference of two such totals.
 *
 * <p>With calls in hours {@code H}: first = the checkpoint after the earliest hour's (its
 * {@code floor(min H) + SPACING}), last = the checkpoint at or before the latest hour's
 * ({@code floor(max H)}). When every call falls between two checkpoints, first is one spacing
 * after last and the user has no checkpoint rows.
 */
public final class UserCheckpoints {

	/** Checkpoints every three hours: an edge of a window is then at most 90 minutes from one. */
	public static final long SPACING_SECONDS = 3 * 3600;

	static final String USERS_SUFFIX = "_users";

	static final String CHECKPOINTS_SUFFIX = "_user_checkpoints";

	private UserCheckpoints() {
	}

	/** The checkpoint at or before an instant: {@code floor(epochSeconds / SPACING) * SPACING}. */
	static long floor(long epochSeconds) {
		return Math.floorDiv(epochSeconds, SPACING_SECONDS) * SPACING_SECONDS;
	}

	/** The users table beside a calls table: {@code <table>_users}. */
	public static TableName usersTable(TableName calls) {
		return calls.beside(USERS_SUFFIX);
	}

	/** The checkpoints table beside a calls table: {@code <table>_user_checkpoints}. */
	public static TableName checkpointsTable(TableName calls) {
		return calls.beside(CHECKPOINTS_SUFFIX);
	}

	/** The key standing for a user in both tables (the daily totals per user use the same). */
	public static String userHash(@Nullable String userId) {
		return RollupKey.of(0, userId).hash();
	}

}
