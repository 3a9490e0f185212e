package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.tokensense.CallEvent;

/**
 * Keeps the roll-up tables ({@link Rollup}: the hourly totals, the hourly totals per model, the
 * daily totals per user) and the running totals per user ({@link UserCheckpointWriter}) in step
 * with the calls table. In the transaction that inserts a batch,
 * it notes which of the batch's ids are already there, lets the insert run, then has the
 * database add up exactly the rows that insert added, per hour and key of the hourly totals,
 * with the expressions the reports use. Those sums are added to each roll-up's rows, summed
 * again in Java for the coarser ones (exactly: decimals, or SQLite's whole picodollars). A batch
 * retried after a commit that did land finds its ids present and adds nothing, so nothing counts
 * twice.
 *
 * <p>A roll-up table that is missing (the schema is managed by hand and lacks it) is left out,
 * and reports read the next finer one or the rows.
 */
public final class HourlyTotals {

	/** Ids per {@code IN (...)}: well under every driver's limit of parameters. */
	private static final int IDS_PER_STATEMENT = 500;

	private final TableName table;

	private final Set<Rollup> tables = ConcurrentHashMap.newKeySet();

	private final UserCheckpointWriter checkpoints;

	/**
	 * Totals beside a calls table.
	 * @param table the calls table
	 */
	public HourlyTotals(TableName table) {
		this.table = table;
		this.checkpoints = new UserCheckpointWriter(table);
	}

	/**
	 * Runs the insert of a batch and adds the rows it inserted to the hourly totals, in the
	 * connection's current transaction.
	 * @param connection a connection in a transaction
	 * @param dialect the database's dialect
	 * @param batch the events the insert writes
	 * @param insert writes the batch's rows, leaving rows whose id is present alone
	 * @throws SQLException when a statement fails; the caller rolls back
	 */
	public void insert(Connection connection, JdbcDialect dialect, List<CallEvent> batch, Insert insert)
			throws SQLException {
		List<Rollup> rollups = present(connection, dialect);
		boolean checkpoints = this.checkpoints.present(connection, dialect);
		if (rollups.isEmpty() && !checkpoints) {
			insert.run();
			return;
		}
		HourlyTotalsSql sql = new HourlyTotalsSql(dialect, this.table);
		List<String> ids = new ArrayList<>(batch.size());
		for (CallEvent event : batch) {
			ids.add(event.id().toString());
		}
		Set<String> present = existing(connection, sql, ids);
		insert.run();
		List<String> inserted = new ArrayList<>(ids);
		inserted.removeAll(present);
		if (inserted.isEmpty()) {
			return;
		}
		Map<RollupKey, RollupKey.Sums> hourly = sums(connection, sql, inserted);
		for (Rollup rollup : rollups) {
			add(connection, dialect, sql, rollup, (rollup == Rollup.HOURLY) ? hourly : rollUp(hourly, rollup));
		}
		if (checkpoints) {
			// after the roll-ups: every writer takes its locks in the same order
			this.checkpoints.add(connection, dialect, hourly);
		}
	}

	private static Set<String> existing(Connection connection, HourlyTotalsSql sql, List<String> ids)
			throws SQLException {
		Set<String> present = new HashSet<>();
		for (List<String> chunk : chunks(ids)) {
			try (Statement statement = connection.createStatement()) {
				try (ResultSet rows = statement.executeQuery(sql.existingIds(chunk))) {
					while (rows.next()) {
						present.add(rows.getString(1));
					}
				}
			}
		}
		return present;
	}

	/** The inserted rows' sums per group, sorted so that concurrent writers lock rows in one order. */
	private static Map<RollupKey, RollupKey.Sums> sums(Connection connection, HourlyTotalsSql sql, List<String> ids)
			throws SQLException {
		Map<RollupKey, RollupKey.Sums> groups = new TreeMap<>();
		for (List<String> chunk : chunks(ids)) {
			try (Statement statement = connection.createStatement()) {
				try (ResultSet rows = statement.executeQuery(sql.sumsOfRows(chunk))) {
					while (rows.next()) {
						RollupKey key = RollupKey.of(rows.getLong("hour_bucket") * 3600, rows.getString("provider"),
								rows.getString("operation"), rows.getString("request_model"), rows.getString("user_id"));
						groups.merge(key, RollupKey.Sums.read(rows, sql.costInPicodollars()), RollupKey.Sums::plus);
					}
				}
			}
		}
		return groups;
	}

	/** The hourly totals' groups summed per key of a coarser roll-up, sorted like them. */
	static Map<RollupKey, RollupKey.Sums> rollUp(Map<RollupKey, RollupKey.Sums> hourly, Rollup rollup) {
		Map<RollupKey, RollupKey.Sums> groups = new TreeMap<>();
		hourly.forEach((key, sums) -> groups.merge(key.in(Rollup.HOURLY, rollup), sums, RollupKey.Sums::plus));
		return groups;
	}

	/** Adds each group's sums to its row of a roll-up; the groups sorted so that concurrent writers lock rows in one order. */
	static void add(Connection connection, JdbcDialect dialect, HourlyTotalsSql sql, Rollup rollup,
			Map<RollupKey, RollupKey.Sums> groups) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql.upsert(rollup))) {
			for (Map.Entry<RollupKey, RollupKey.Sums> group : groups.entrySet()) {
				RollupKey key = group.getKey();
				int i = 1;
				dialect.setTimestamp(statement, i++, Instant.ofEpochSecond(key.start()));
				statement.setString(i++, key.hash());
				for (String value : key.values()) {
					EventRows.setString(statement, i++, value);
				}
				group.getValue().bind(statement, i, sql.costInPicodollars());
				statement.addBatch();
			}
			statement.executeBatch();
		}
	}

	/** The roll-ups whose table exists, in the order their rows are locked; once seen, a table stays. */
	private List<Rollup> present(Connection connection, JdbcDialect dialect) throws SQLException {
		List<Rollup> rollups = new ArrayList<>(Rollup.values().length);
		for (Rollup rollup : Rollup.values()) {
			if (this.tables.contains(rollup) || tableExists(connection, dialect, rollup.table(this.table))) {
				this.tables.add(rollup);
				rollups.add(rollup);
			}
		}
		return rollups;
	}

	/** Whether a table exists, however the database folds the case of unquoted names. */
	public static boolean tableExists(Connection connection, JdbcDialect dialect, TableName table) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		for (String name : List.of(table.name(), table.name().toLowerCase(Locale.ROOT),
				table.name().toUpperCase(Locale.ROOT))) {
			String schema = table.schema();
			String catalog = (dialect == JdbcDialect.MYSQL && schema != null) ? schema : connection.getCatalog();
			String schemaPattern = (dialect == JdbcDialect.MYSQL || schema == null) ? null
					: (dialect == JdbcDialect.H2) ? schema.toUpperCase(Locale.ROOT) : schema;
			try (ResultSet tables = metaData.getTables(catalog, schemaPattern, name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private static List<List<String>> chunks(List<String> ids) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT)));
		}
		return chunks;
	}

	/** The insert of a batch's rows. */
	@FunctionalInterface
	public interface Insert {

		/**
		 * Writes the rows.
		 * @throws SQLException when the database refuses them
		 */
		void run() throws SQLException;

	}

}
