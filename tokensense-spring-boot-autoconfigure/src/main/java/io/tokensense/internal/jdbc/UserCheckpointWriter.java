package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Adds a batch's calls to the running totals per user ({@link UserCheckpoints}), in the
 * transaction that inserts the batch, from the sums of the rows that insert added (so a retried
 * batch adds nothing, as for the roll-ups). Done here rather than summed from the rows when a
 * report asks, because a breakdown by user over a month must read about two rows per user.
 *
 * <p>Two instances may write calls of the same user at once: each batch locks its users' rows
 * in key order ({@code SELECT ... FOR UPDATE}), creates the rows of users seen for the first
 * time and locks those, and works out the change from what it read while holding them, so no
 * sum is lost and writers wait for each other in one order (but for users new to both, whose
 * rows are locked after the others: a deadlock the database reports there, or anywhere, is a
 * transient failure, and the batch is retried). Most batches find every user's row there and
 * send no insert. SQLite lets one writer in at a time, which serves as the lock.
 */
final class UserCheckpointWriter {

	/** Keys per {@code IN (...)}: well under every driver's limit. */
	private static final int KEYS_PER_STATEMENT = 500;

	private static final int USER = Rollup.HOURLY.keys().indexOf("user_id");

	private final TableName calls;

	private volatile boolean present;

	UserCheckpointWriter(TableName calls) {
		this.calls = calls;
	}

	/** Whether both tables exist (a schema managed by hand may lack them); once seen, they stay. */
	boolean present(Connection connection, JdbcDialect dialect) throws SQLException {
		if (!this.present) {
			this.present = HourlyTotals.tableExists(connection, dialect, UserCheckpoints.usersTable(this.calls))
					&& HourlyTotals.tableExists(connection, dialect, UserCheckpoints.checkpointsTable(this.calls));
		}
		return this.present;
	}

	/**
	 * Adds the inserted rows' sums to their users' totals and checkpoints.
	 * @param connection a connection in the batch's transaction
	 * @param dialect the database's dialect
	 * @param hourly the inserted rows' sums per hour and key of the hourly totals
	 * @throws SQLException when a statement fails; the caller rolls back
	 */
	void add(Connection connection, JdbcDialect dialect, Map<RollupKey, RollupKey.Sums> hourly) throws SQLException {
		UserCheckpointsSql sql = new UserCheckpointsSql(dialect, this.calls);
		Map<String, UserBatch> users = perUser(hourly);
		Map<String, UserCheckpointChange.UserTotals> before = new HashMap<>();
		Set<String> found = lock(connection, dialect, sql, new ArrayList<>(users.keySet()), before);
		if (found.size() < users.size()) {
			Map<String, UserBatch> missing = new TreeMap<>(users);
			missing.keySet().removeAll(found);
			insertMissing(connection, dialect, sql, missing);
			// ours now, or another writer's that got there first: locked and read once it commits
			lock(connection, dialect, sql, new ArrayList<>(missing.keySet()), before);
		}
		try (PreparedStatement additions = connection.prepareStatement(sql.addToCheckpoints());
				PreparedStatement writes = connection.prepareStatement(sql.putCheckpoint());
				PreparedStatement totals = connection.prepareStatement(sql.updateUser())) {
			Batches batches = new Batches();
			for (Map.Entry<String, UserBatch> user : users.entrySet()) {
				String key = user.getKey();
				UserCheckpointChange change = UserCheckpointChange.of(before.get(key), user.getValue().spacings());
				for (UserCheckpointChange.Addition addition : change.additions()) {
					addition.sums().bind(additions, 1, sql.costInPicodollars());
					additions.setString(10, key);
					dialect.setTimestamp(additions, 11, Instant.ofEpochSecond(addition.after()));
					dialect.setTimestamp(additions, 12, Instant.ofEpochSecond(addition.upTo()));
					batches.add(additions);
				}
				for (UserCheckpointChange.Checkpoint checkpoint : change.writes()) {
					dialect.setTimestamp(writes, 1, Instant.ofEpochSecond(checkpoint.at()));
					writes.setString(2, key);
					checkpoint.sums().bind(writes, 3, sql.costInPicodollars());
					batches.add(writes);
				}
				change.added().bind(totals, 1, sql.costInPicodollars());
				dialect.setTimestamp(totals, 10, Instant.ofEpochSecond(change.first()));
				dialect.setTimestamp(totals, 11, Instant.ofEpochSecond(change.last()));
				totals.setString(12, key);
				batches.add(totals);
			}
			batches.execute(additions, writes, totals);
		}
	}

	/** Creates the rows of users seen for the first time, without calls yet. */
	private static void insertMissing(Connection connection, JdbcDialect dialect, UserCheckpointsSql sql,
			Map<String, UserBatch> users) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(sql.insertMissingUser())) {
			for (Map.Entry<String, UserBatch> user : users.entrySet()) {
				UserCheckpointChange alone = UserCheckpointChange.of(null, user.getValue().spacings());
				insert.setString(1, user.getKey());
				EventRows.setString(insert, 2, user.getValue().userId());
				dialect.setTimestamp(insert, 3, Instant.ofEpochSecond(alone.first()));
				dialect.setTimestamp(insert, 4, Instant.ofEpochSecond(alone.last()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	/** The rows' sums per user (by key, the lock order) and spacing. */
	private static Map<String, UserBatch> perUser(Map<RollupKey, RollupKey.Sums> hourly) {
		Map<String, UserBatch> users = new TreeMap<>();
		Map<@Nullable String, String> hashes = new HashMap<>();
		for (Map.Entry<RollupKey, RollupKey.Sums> group : hourly.entrySet()) {
			@Nullable String userId = group.getKey().values().get(USER);
			String hash = hashes.computeIfAbsent(userId, UserCheckpoints::userHash);
			users.computeIfAbsent(hash, (key) -> new UserBatch(userId, new TreeMap<>()))
				.spacings()
				.merge(UserCheckpoints.floor(group.getKey().start()), group.getValue(), RollupKey.Sums::plus);
		}
		return users;
	}

	/**
	 * Locks the users' rows in key order and reads them into {@code rows}; a row without calls was
	 * created by this batch and is left out of them.
	 * @return the keys whose row is there
	 */
	private static Set<String> lock(Connection connection, JdbcDialect dialect, UserCheckpointsSql sql,
			List<String> keys, Map<String, UserCheckpointChange.UserTotals> rows) throws SQLException {
		Set<String> found = new HashSet<>();
		for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
			List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery(sql.lockUsers(chunk))) {
				while (result.next()) {
					found.add(result.getString("key_hash"));
					RollupKey.Sums sums = RollupKey.Sums.read(result, sql.costInPicodollars());
					if (sums.calls() > 0) {
						rows.put(result.getString("key_hash"),
								new UserCheckpointChange.UserTotals(
										dialect.getTimestamp(result, "first_checkpoint").getEpochSecond(),
										dialect.getTimestamp(result, "last_checkpoint").getEpochSecond(), sums));
					}
				}
			}
		}
		return found;
	}

	/**
	 * A user's part of the batch.
	 * @param userId the user, as stored
	 * @param spacings sums per spacing (its start, epoch seconds)
	 */
	private record UserBatch(@Nullable String userId, NavigableMap<Long, RollupKey.Sums> spacings) {

	}

	/** Which statements got rows, so that empty batches are not sent. */
	private static final class Batches {

		private final List<PreparedStatement> used = new ArrayList<>();

		void add(PreparedStatement statement) throws SQLException {
			statement.addBatch();
			if (!this.used.contains(statement)) {
				this.used.add(statement);
			}
		}

		/** Runs the statements' batches in the order given. */
		void execute(PreparedStatement... statements) throws SQLException {
			for (PreparedStatement statement : statements) {
				if (this.used.contains(statement)) {
					statement.executeBatch();
				}
			}
		}

	}

}
