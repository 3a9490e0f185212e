package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Fills the running totals per user ({@link UserCheckpoints}) created beside hourly totals that
 * already hold calls (a table written by a version without them), from those totals: they keep
 * every call per hour and user, and a checkpoint is a multiple of the hour. Like
 * {@link RollupBackfill}, it runs in the transaction that creates the tables.
 *
 * <p>The hourly totals are read once, summed per user and spacing, ordered by user, and each
 * user's running sums are kept in Java while its checkpoints are written in batches: memory
 * holds one user at a time, not the millions of checkpoints a large table has (10,000 users
 * over 30 days: 2.4 million). PostgreSQL streams the rows through a cursor; MariaDB's driver
 * reads the rest of a result into memory once another statement runs on the connection.
 */
final class UserCheckpointBackfill {

	private static final int ROWS_PER_BATCH = 1_000;

	private static final long SPACING = UserCheckpoints.SPACING_SECONDS;

	private UserCheckpointBackfill() {
	}

	/**
	 * Whether the tables are to be filled: the hourly totals are there and one of them is not.
	 * With only one of them there (a schema made by hand, or MySQL, which commits each
	 * {@code CREATE TABLE} at once, stopped between the two), both are emptied and filled anew.
	 */
	static boolean missing(Connection connection, JdbcDialect dialect, TableName table) throws SQLException {
		return HourlyTotals.tableExists(connection, dialect, Rollup.HOURLY.table(table))
				&& !(HourlyTotals.tableExists(connection, dialect, UserCheckpoints.usersTable(table))
						&& HourlyTotals.tableExists(connection, dialect, UserCheckpoints.checkpointsTable(table)));
	}

	/**
	 * Writes each user's row and checkpoints from the hourly totals.
	 * @param connection a connection, in the transaction that created the tables
	 * @param dialect the database's dialect
	 * @param table the calls table
	 * @throws SQLException when a statement fails
	 */
	static void fill(Connection connection, JdbcDialect dialect, TableName table) throws SQLException {
		UserCheckpointsSql sql = new UserCheckpointsSql(dialect, table);
		try (Statement statement = connection.createStatement()) {
			for (String delete : sql.deleteAll()) {
				statement.execute(delete);
			}
		}
		try (Statement select = connection.createStatement();
				PreparedStatement users = connection.prepareStatement(sql.insertMissingUser());
				PreparedStatement totals = connection.prepareStatement(sql.updateUser());
				PreparedStatement checkpoints = connection.prepareStatement(sql.putCheckpoint())) {
			// PostgreSQL streams only with a fetch size, in a transaction
			select.setFetchSize(ROWS_PER_BATCH);
			Writer writer = new Writer(dialect, sql, users, totals, checkpoints);
			try (ResultSet rows = select.executeQuery(sql.hourlyPerUserAndSpacing())) {
				while (rows.next()) {
					writer.add(rows.getString("user_id"), rows.getLong("bucket") * SPACING,
							RollupKey.Sums.read(rows, sql.costInPicodollars()));
				}
			}
			writer.finish();
		}
	}

	/** One user's running sums at a time, its checkpoints and row written in batches. */
	private static final class Writer {

		private final JdbcDialect dialect;

		private final boolean picodollars;

		private final PreparedStatement users;

		private final PreparedStatement totals;

		private final PreparedStatement checkpoints;

		private int pending;

		private boolean any;

		private @Nullable String userId;

		private String key = "";

		private long first;

		private long previous;

		private RollupKey.Sums sums = UserCheckpointChange.ZERO;

		Writer(JdbcDialect dialect, UserCheckpointsSql sql, PreparedStatement users, PreparedStatement totals,
				PreparedStatement checkpoints) {
			this.dialect = dialect;
			this.picodollars = sql.costInPicodollars();
			this.users = users;
			this.totals = totals;
			this.checkpoints = checkpoints;
		}

		/** Adds a user's sums of one spacing; the rows come ordered by user, then spacing. */
		void add(@Nullable String userId, long spacing, RollupKey.Sums spacingSums) throws SQLException {
			if (!this.any || !Objects.equals(userId, this.userId)) {
				finishUser();
				this.any = true;
				this.userId = userId;
				this.key = UserCheckpoints.userHash(userId);
				this.first = spacing + SPACING;
				this.sums = UserCheckpointChange.ZERO;
			}
			else {
				// every checkpoint since the previous spacing holds the calls up to its end
				for (long at = this.previous + SPACING; at <= spacing; at += SPACING) {
					this.dialect.setTimestamp(this.checkpoints, 1, Instant.ofEpochSecond(at));
					this.checkpoints.setString(2, this.key);
					this.sums.bind(this.checkpoints, 3, this.picodollars);
					this.checkpoints.addBatch();
					flushIfFull();
				}
			}
			this.previous = spacing;
			this.sums = this.sums.plus(spacingSums);
		}

		void finish() throws SQLException {
			finishUser();
			flush();
		}

		private void finishUser() throws SQLException {
			if (!this.any) {
				return;
			}
			this.users.setString(1, this.key);
			if (this.userId != null) {
				this.users.setString(2, this.userId);
			}
			else {
				this.users.setNull(2, Types.VARCHAR);
			}
			this.dialect.setTimestamp(this.users, 3, Instant.ofEpochSecond(this.first));
			this.dialect.setTimestamp(this.users, 4, Instant.ofEpochSecond(this.previous));
			this.users.addBatch();
			this.sums.bind(this.totals, 1, this.picodollars);
			this.dialect.setTimestamp(this.totals, 10, Instant.ofEpochSecond(this.first));
			this.dialect.setTimestamp(this.totals, 11, Instant.ofEpochSecond(this.previous));
			this.totals.setString(12, this.key);
			this.totals.addBatch();
			flushIfFull();
		}

		private void flushIfFull() throws SQLException {
			if (++this.pending >= ROWS_PER_BATCH) {
				flush();
			}
		}

		/** The users' rows before their totals, which update them. */
		private void flush() throws SQLException {
			this.users.executeBatch();
			this.totals.executeBatch();
			this.checkpoints.executeBatch();
			this.pending = 0;
		}

	}

}
