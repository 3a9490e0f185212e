package io.tokensense.internal.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements keeping the running totals per user ({@link UserCheckpoints}), per dialect:
 * create a user's row when missing, lock and read the rows of a batch's users, add to a user's
 * totals and checkpoints, write a new checkpoint, and read the hourly totals per user and
 * spacing to fill the tables beside existing totals.
 */
final class UserCheckpointsSql {

	private static final Pattern KEY_HASH = Pattern.compile("[0-9a-f]{64}");

	private final JdbcDialect dialect;

	private final TableName calls;

	private final TableName users;

	private final TableName checkpoints;

	/** The nine sums, in the order {@link RollupKey.Sums#bind} binds them. */
	private final List<String> sums;

	UserCheckpointsSql(JdbcDialect dialect, TableName calls) {
		this.dialect = dialect;
		this.calls = calls;
		this.users = UserCheckpoints.usersTable(calls);
		this.checkpoints = UserCheckpoints.checkpointsTable(calls);
		this.sums = new HourlyTotalsSql(dialect, calls).sums();
	}

	boolean costInPicodollars() {
		return this.dialect == JdbcDialect.SQLITE;
	}

	/**
	 * Creates a user's row with zero sums when there is none, and leaves an existing one alone:
	 * parameters key_hash, user_id, first_checkpoint, last_checkpoint.
	 */
	String insertMissingUser() {
		String names = "key_hash, user_id, first_checkpoint, last_checkpoint, " + String.join(", ", this.sums);
		String zeros = String.join(", ", Collections.nCopies(this.sums.size(), "0"));
		String table = this.users.qualified();
		return switch (this.dialect) {
			case POSTGRESQL, SQLITE -> "INSERT INTO " + table + " (" + names + ") VALUES (?, ?, ?, ?, " + zeros
					+ ") ON CONFLICT (key_hash) DO NOTHING";
			case MYSQL -> "INSERT INTO " + table + " (" + names + ") VALUES (?, ?, ?, ?, " + zeros
					+ ") ON DUPLICATE KEY UPDATE key_hash = key_hash";
			case H2 -> "MERGE INTO " + table + " u USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), "
					+ "CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) "
					+ "AS s (key_hash, user_id, first_checkpoint, last_checkpoint) ON u.key_hash = s.key_hash "
					+ "WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (s.key_hash, s.user_id, s.first_checkpoint, "
					+ "s.last_checkpoint, " + zeros + ")";
		};
	}

	/**
	 * Reads the rows of these users, locked in key order so that two writers sharing users wait
	 * for each other instead of deadlocking. SQLite has no row locks: its one writer at a time
	 * (the batch's insert already holds the write lock) is the lock. The keys are hashes made
	 * here, checked again, so they are written into the SQL like the ids in {@link HourlyTotalsSql}.
	 */
	String lockUsers(List<String> keyHashes) {
		List<String> literals = new ArrayList<>(keyHashes.size());
		for (String hash : keyHashes) {
			if (!KEY_HASH.matcher(hash).matches()) {
				throw new IllegalArgumentException("not a key hash: " + hash);
			}
			literals.add("'" + hash + "'");
		}
		return "SELECT key_hash, first_checkpoint, last_checkpoint, " + labelledSums() + " FROM "
				+ this.users.qualified() + " WHERE key_hash IN (" + String.join(", ", literals) + ") ORDER BY key_hash"
				+ ((this.dialect == JdbcDialect.SQLITE) ? "" : " FOR UPDATE");
	}

	/** Adds the nine sums to a user's row and sets its first and last checkpoint, then key_hash. */
	String updateUser() {
		return "UPDATE " + this.users.qualified() + " SET " + join(this.sums, (column) -> column + " = " + column + " + ?")
				+ ", first_checkpoint = ?, last_checkpoint = ? WHERE key_hash = ?";
	}

	/**
	 * Adds the nine sums to a user's checkpoints after one instant up to another (then key_hash,
	 * after, up to). A late call counts in every checkpoint after it.
	 */
	String addToCheckpoints() {
		return "UPDATE " + this.checkpoints.qualified() + " SET "
				+ join(this.sums, (column) -> column + " = " + column + " + ?")
				+ " WHERE key_hash = ? AND checkpoint_at > ? AND checkpoint_at <= ?";
	}

	/**
	 * Writes a new checkpoint: checkpoint_at, key_hash, then the nine sums. The value is the
	 * whole total before that instant, so a row that is somehow there already is replaced by the
	 * right value rather than refusing the batch (a duplicate key is a permanent failure that
	 * would reject the calls themselves).
	 */
	String putCheckpoint() {
		List<String> columns = new ArrayList<>(List.of("checkpoint_at", "key_hash"));
		columns.addAll(this.sums);
		String names = String.join(", ", columns);
		String values = String.join(", ", Collections.nCopies(columns.size(), "?"));
		String table = this.checkpoints.qualified();
		return switch (this.dialect) {
			case POSTGRESQL, SQLITE -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values
					+ ") ON CONFLICT (checkpoint_at, key_hash) DO UPDATE SET "
					+ join(this.sums, (column) -> column + " = excluded." + column);
			case MYSQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
					+ join(this.sums, (column) -> column + " = VALUES(" + column + ")");
			case H2 -> "MERGE INTO " + table + " (" + names + ") KEY (checkpoint_at, key_hash) VALUES (" + values + ")";
		};
	}

	/**
	 * The hourly totals summed per user and spacing ({@code bucket}: epoch seconds divided by the
	 * spacing), ordered by user then bucket, so that one pass keeps running sums; users told apart
	 * as {@link HourlyTotalsSql#grouped} does.
	 */
	String hourlyPerUserAndSpacing() {
		UsageSql hourly = new UsageSql(this.dialect, this.calls).over(Rollup.HOURLY);
		String bucket = hourly.bucketExpression(UserCheckpoints.SPACING_SECONDS);
		String user = HourlyTotalsSql.grouped(this.dialect, "user_id");
		return "SELECT " + HourlyTotalsSql.selectGrouped(this.dialect, "user_id") + ", " + bucket + " AS bucket, "
				+ hourly.sums() + " FROM " + Rollup.HOURLY.table(this.calls).qualified() + " GROUP BY " + user + ", "
				+ bucket + " ORDER BY " + user + ", bucket";
	}

	/** Empties both tables before they are filled again from the hourly totals. */
	List<String> deleteAll() {
		return List.of("DELETE FROM " + this.checkpoints.qualified(), "DELETE FROM " + this.users.qualified());
	}

	/** The sums labelled as {@link RollupKey.Sums#read} reads them. */
	private String labelledSums() {
		return join(this.sums, (column) -> column.startsWith("cost_") ? column + " AS cost_usd" : column);
	}

	private static String join(List<String> columns, Function<String, String> each) {
		return columns.stream().map(each).collect(Collectors.joining(", "));
	}

}
