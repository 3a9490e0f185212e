package io.tokensense.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.tokensense.internal.jdbc.BenchmarkAccess;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.SchemaScripts;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.jdbc.UserCheckpoints;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageStore;
import io.tokensense.internal.usage.UsageTotals;

/**
 * A PostgreSQL calls table of synthetic rows over 30 days, and its hourly totals, for the
 * report benchmark. It is named after its size ({@code ts_bench_10m} for 10 M rows) and kept
 * after the run, because filling it takes minutes: a later run reuses it when it holds the
 * expected number of rows, and refills it otherwise.
 *
 * <p>Rows: {@code rows} calls spread evenly over the 30 days before {@link #END}; each from one
 * of 10,000 users (uniformly at random), each user calling one of 20 models ({@code user % 20};
 * models 0 to 9 are {@code openai}, 10 to 19 {@code anthropic}); 2 % errors without tokens or
 * cost, 1 % of the successful calls unpriced. The random numbers are seeded, so two fills hold
 * the same rows.
 *
 * <p>The hourly totals are built from the rows by one {@code INSERT ... SELECT ... GROUP BY},
 * with the jdbc output's key (hour of the timestamp in epoch hours; SHA-256 in hex of provider,
 * operation, request model and user, each written as {@code length:text|}, or {@code -|} when
 * missing) and its sums; {@link #check} compares a few keys with the product's own hash. The
 * totals are inserted in time order, as the output appends them hour after hour: in hash order
 * PostgreSQL sees no correlation between the key's index and the heap and scans the whole table
 * even for one day. The roll-ups per hour and model and per day and user are then filled from
 * the hourly totals by the product's own migration, the one a table of an older version goes
 * through at its first write.
 */
final class UsageDataset {

	/** The end of the data: fixed, so that a kept table answers the same windows later. */
	static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

	static final Duration SPAN = Duration.ofDays(30);

	private UsageDataset() {
	}

	static String tableName(long rows) {
		return (rows % 1_000_000 == 0) ? "ts_bench_" + (rows / 1_000_000) + "m" : "ts_bench_" + rows;
	}

	/** Creates and fills the table unless it is there with {@code rows} rows and totals for each of them. */
	static String ensure(DataSource dataSource, long rows) throws SQLException {
		String table = tableName(rows);
		String hourly = BenchmarkAccess.hourlyTable(table);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			long present = count(statement, "SELECT count(*) FROM " + table);
			if (present != rows) {
				System.out.printf("%n%s: %s rows, %d wanted: filling it (kept after the run)%n", table,
						(present < 0) ? "no table" : present, rows);
				fill(statement, table, rows);
			}
			long counted = count(statement, "SELECT coalesce(sum(calls), -2) FROM " + hourly);
			if (counted != rows) {
				System.out.printf("%s: totals count %d calls, %d wanted: rebuilding them%n", hourly, counted, rows);
				statement.execute("TRUNCATE " + hourly);
				long start = System.nanoTime();
				statement.execute(buildTotals(table, hourly));
				statement.execute("ANALYZE " + hourly);
				System.out.printf("%s: hourly totals built in %.1f s%n", hourly, seconds(start));
			}
			boolean rebuilt = counted != rows;
			for (String rollup : BenchmarkAccess.coarserRollupTables(table)) {
				long inRollup = count(statement, "SELECT coalesce(sum(calls), -2) FROM " + rollup);
				if (rebuilt || inRollup != rows) {
					System.out.printf("%s: counts %d calls, %d wanted: filling it from the hourly totals%n", rollup,
							inRollup, rows);
					statement.execute("DROP TABLE IF EXISTS " + rollup);
					rebuilt = true;
				}
			}
			// the users' running totals are filled from the hourly totals when the users table is missing
			TableName users = UserCheckpoints.usersTable(TableName.of(table));
			long inUsers = count(statement, "SELECT coalesce(sum(calls), -2) FROM " + users.qualified());
			boolean checkpointsRefilled = rebuilt || inUsers != rows;
			if (checkpointsRefilled) {
				System.out.printf("%s: counts %d calls, %d wanted: filling the running totals from the hourly totals%n",
						users, inUsers, rows);
				statement.execute("DROP TABLE IF EXISTS " + users.qualified());
			}
			// what the jdbc output runs at startup: creates what is missing (roll-ups filled, indexes added)
			long start = System.nanoTime();
			BenchmarkAccess.createSchema(connection, table);
			if (rebuilt) {
				for (String rollup : BenchmarkAccess.coarserRollupTables(table)) {
					statement.execute("ANALYZE " + rollup);
				}
			}
			if (checkpointsRefilled) {
				TableName checkpoints = UserCheckpoints.checkpointsTable(TableName.of(table));
				// the fill writes user after user; the writer appends a checkpoint's rows as users cross it, so
				// in a table written over time one checkpoint's rows lie together: put them back in that order
				statement.execute("CLUSTER " + checkpoints.qualified() + " USING " + checkpoints.name() + "_pkey");
				statement.execute("ANALYZE " + users.qualified());
				statement.execute("ANALYZE " + checkpoints.qualified());
			}
			System.out.printf("%s: the product's schema script and migration ran in %.1f s%n", table, seconds(start));
			check(statement, table, hourly);
			if (rebuilt) {
				sameAnswers(dataSource, table);
			}
		}
		return table;
	}

	private static void fill(Statement statement, String table, long rows) throws SQLException {
		statement.execute("DROP TABLE IF EXISTS " + table);
		statement.execute("DROP TABLE IF EXISTS " + BenchmarkAccess.hourlyTable(table));
		List<String> schema = SchemaScripts.statements(JdbcDialect.POSTGRESQL, TableName.of(table));
		// the tables first, their secondary indexes after the rows: building an index once is faster
		for (String each : schema) {
			if (!each.startsWith("CREATE INDEX")) {
				statement.execute(each);
			}
		}
		long start = System.nanoTime();
		statement.execute("SELECT setseed(0.42)");
		statement.execute(insertRows(table, rows));
		System.out.printf("%s: %d rows inserted in %.1f s%n", table, rows, seconds(start));
		start = System.nanoTime();
		for (String each : schema) {
			if (each.startsWith("CREATE INDEX")) {
				statement.execute(each);
			}
		}
		statement.execute("ANALYZE " + table);
		System.out.printf("%s: indexes built in %.1f s%n", table, seconds(start));
	}

	private static String insertRows(String table, long rows) {
		double step = (double) SPAN.toSeconds() / rows;
		Instant start = END.minus(SPAN);
		return "INSERT INTO " + table + " (id, timestamp, provider, operation, request_model, response_model, "
				+ "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens, "
				+ "cost_usd, pricing_status, latency_ms, streamed, status, error_type, user_id, session_id, tags) "
				+ "SELECT md5(i::text)::uuid::text, timestamptz '" + start + "' + i * interval '" + step + " seconds', "
				+ "CASE WHEN u % 20 < 10 THEN 'openai' ELSE 'anthropic' END, 'chat', 'model-' || (u % 20), "
				+ "'model-' || (u % 20), "
				+ "CASE WHEN error THEN NULL ELSE input END, CASE WHEN error THEN NULL ELSE output END, "
				+ "CASE WHEN error THEN NULL ELSE input / 4 END, CASE WHEN error THEN NULL ELSE 0 END, "
				+ "CASE WHEN error THEN NULL ELSE 0 END, CASE WHEN error THEN NULL ELSE input + output END, "
				+ "CASE WHEN error OR unpriced THEN NULL "
				+ "ELSE (input * (u % 20 + 1) * 0.00000025 + output * (u % 20 + 1) * 0.000001)::numeric(38, 18) END, "
				+ "CASE WHEN NOT error AND unpriced THEN 'UNKNOWN_MODEL' ELSE 'PRICED' END, latency, false, "
				+ "CASE WHEN error THEN 'ERROR' ELSE 'SUCCESS' END, CASE WHEN error THEN 'RateLimitError' END, "
				+ "'user-' || u, 'session-' || u || '-' || (i / 100000), '[\"bench\"]' "
				+ "FROM (SELECT i, floor(random() * 10000)::int AS u, 100 + floor(random() * 1900)::bigint AS input, "
				+ "10 + floor(random() * 490)::bigint AS output, 200 + floor(random() * 3000)::bigint AS latency, "
				+ "random() < 0.02 AS error, random() < 0.01 AS unpriced "
				+ "FROM generate_series(0::bigint, " + (rows - 1) + "::bigint) AS i) AS g";
	}

	/** The jdbc output's hourly totals of every row, in one statement (see the class comment). */
	private static String buildTotals(String table, String hourly) {
		String part = "CASE WHEN %1$s IS NULL THEN '-' ELSE char_length(%1$s) || ':' || %1$s END || '|'";
		String text = String.join(" || ", part.formatted("provider"), part.formatted("operation"),
				part.formatted("request_model"), part.formatted("user_id"));
		String hour = "floor(extract(epoch FROM timestamp) / 3600)::bigint";
		return "INSERT INTO " + hourly + " (hour_start, key_hash, provider, operation, request_model, user_id, "
				+ "calls, errors, unpriced_calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
				+ "reasoning_tokens, cost_usd) SELECT to_timestamp(" + hour + " * 3600), "
				+ "encode(sha256(convert_to(" + text + ", 'UTF8')), 'hex'), provider, operation, request_model, user_id, "
				+ "count(*), sum(CASE WHEN status = 'ERROR' THEN 1 ELSE 0 END), "
				+ "sum(CASE WHEN status = 'SUCCESS' AND pricing_status <> 'PRICED' THEN 1 ELSE 0 END), "
				+ "coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), coalesce(sum(cache_read_tokens), 0), "
				+ "coalesce(sum(cache_write_tokens), 0), coalesce(sum(reasoning_tokens), 0), coalesce(sum(cost_usd), 0) "
				+ "FROM " + table + " GROUP BY " + hour + ", provider, operation, request_model, user_id ORDER BY 1";
	}

	/** Fails unless the SQL-built key hashes are the ones the jdbc output computes. */
	private static void check(Statement statement, String table, String hourly) throws SQLException {
		try (ResultSet rows = statement.executeQuery(
				"SELECT key_hash, provider, operation, request_model, user_id FROM " + hourly + " LIMIT 20")) {
			while (rows.next()) {
				String expected = BenchmarkAccess.hourlyKeyHash(rows.getString(2), rows.getString(3), rows.getString(4),
						rows.getString(5));
				if (!expected.equals(rows.getString(1))) {
					throw new IllegalStateException(hourly + " has key hash " + rows.getString(1) + " where the jdbc output "
							+ "computes " + expected + "; drop " + table + " and run again");
				}
			}
		}
		System.out.printf("%s: %d rows; %s: %d rows%n", table, count(statement, "SELECT count(*) FROM " + table), hourly,
				count(statement, "SELECT count(*) FROM " + hourly));
		for (String rollup : BenchmarkAccess.coarserRollupTables(table)) {
			System.out.printf("%s: %d rows%n", rollup, count(statement, "SELECT count(*) FROM " + rollup));
		}
	}

	/** Fails unless the totals and the users over 30 days are the same from the rows alone and with the roll-ups. */
	private static void sameAnswers(DataSource dataSource, String table) {
		UsageQuery query = UsageReportBenchmark.window(SPAN);
		UsageStore raw = BenchmarkAccess.usageStore(dataSource, table, false);
		UsageStore rollups = BenchmarkAccess.usageStore(dataSource, table, true);
		UsageTotals rawTotals = raw.totals(query);
		UsageTotals totals = rollups.totals(query);
		if (!normalised(UsageRow.of("all", rawTotals)).equals(normalised(UsageRow.of("all", totals)))) {
			throw new IllegalStateException("rows and roll-ups disagree: " + rawTotals + " against " + totals);
		}
		List<UsageRow> rawUsers = raw.breakdown(query, UsageDimension.USER);
		List<UsageRow> users = rollups.breakdown(query, UsageDimension.USER);
		if (!rawUsers.stream().map(UsageDataset::normalised).toList()
			.equals(users.stream().map(UsageDataset::normalised).toList())) {
			throw new IllegalStateException("rows and roll-ups disagree on the users");
		}
		System.out.printf("%s: the 30 days' totals and %d users agree on both paths: %s%n", table, rawUsers.size(),
				totals);
	}

	/** The row with its cost compared by value, not by scale. */
	private static UsageRow normalised(UsageRow row) {
		return new UsageRow(row.key(), row.calls(), row.errors(), row.inputTokens(), row.outputTokens(),
				row.cacheReadTokens(), row.cacheWriteTokens(), row.reasoningTokens(), row.costUsd().stripTrailingZeros(),
				row.unpricedCalls());
	}

	/** The single number a query returns, or -1 when its table is missing. */
	private static long count(Statement statement, String query) throws SQLException {
		Connection connection = statement.getConnection();
		boolean autoCommit = connection.getAutoCommit();
		try {
			try (ResultSet rows = statement.executeQuery(query)) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState()) && autoCommit) {
				return -1;
			}
			throw ex;
		}
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
