package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Fills a roll-up created beside hourly totals that already hold calls (a table written by a
 * version without that roll-up), from those totals: each of its rows is the sum of the hourly
 * rows it covers, which is exactly what the writes would have added. It runs in the transaction
 * that creates the table, so that on databases whose DDL is transactional (PostgreSQL, H2,
 * SQLite) an instance racing to create it either finds it filled or creates and fills it itself.
 * MySQL commits a {@code CREATE TABLE} at once: there, start one upgraded instance first.
 */
final class RollupBackfill {

	private static final int ROWS_PER_BATCH = 1_000;

	private RollupBackfill() {
	}

	/** The roll-ups that the hourly totals would fill: missing now while the hourly totals are there. */
	static Set<Rollup> missing(Connection connection, JdbcDialect dialect, TableName table) throws SQLException {
		Set<Rollup> missing = EnumSet.noneOf(Rollup.class);
		if (!HourlyTotals.tableExists(connection, dialect, Rollup.HOURLY.table(table))) {
			return missing;
		}
		for (Rollup rollup : Rollup.values()) {
			if (rollup != Rollup.HOURLY && !HourlyTotals.tableExists(connection, dialect, rollup.table(table))) {
				missing.add(rollup);
			}
		}
		return missing;
	}

	/**
	 * Adds the hourly totals, summed per bucket and key of a roll-up, to that roll-up.
	 * @param connection a connection, in the transaction that created the roll-up's table
	 * @param dialect the database's dialect
	 * @param table the calls table
	 * @param rollup the roll-up to fill, coarser than the hourly totals
	 * @throws SQLException when a statement fails
	 */
	static void fill(Connection connection, JdbcDialect dialect, TableName table, Rollup rollup) throws SQLException {
		UsageSql hourly = new UsageSql(dialect, table).over(Rollup.HOURLY);
		HourlyTotalsSql sql = new HourlyTotalsSql(dialect, table);
		String bucket = hourly.bucketExpression(rollup.seconds());
		String keys = rollup.keys().stream().map((key) -> HourlyTotalsSql.grouped(dialect, key))
			.collect(Collectors.joining(", "));
		String selected = rollup.keys().stream().map((key) -> HourlyTotalsSql.selectGrouped(dialect, key))
			.collect(Collectors.joining(", "));
		String select = "SELECT " + bucket + " AS bucket, " + selected + ", " + hourly.sums() + " FROM "
				+ Rollup.HOURLY.table(table).qualified() + " GROUP BY " + bucket + ", " + keys;
		Map<RollupKey, RollupKey.Sums> groups = new TreeMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(select)) {
			while (rows.next()) {
				@Nullable String[] values = new String[rollup.keys().size()];
				for (int i = 0; i < values.length; i++) {
					values[i] = rows.getString(rollup.keys().get(i));
				}
				RollupKey key = RollupKey.of(rows.getLong("bucket") * rollup.seconds(), values);
				groups.merge(key, RollupKey.Sums.read(rows, sql.costInPicodollars()), RollupKey.Sums::plus);
				if (groups.size() == ROWS_PER_BATCH) {
					HourlyTotals.add(connection, dialect, sql, rollup, groups);
					groups.clear();
				}
			}
		}
		if (!groups.isEmpty()) {
			HourlyTotals.add(connection, dialect, sql, rollup, groups);
		}
	}

}
