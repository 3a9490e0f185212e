package io.tokensense.internal.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements keeping the roll-ups ({@link Rollup}): which ids of a batch are already in the
 * calls table, the sums of the rows just inserted per hour and key of the hourly totals, and the
 * per-dialect statement adding one group's sums to its row of a roll-up table.
 */
final class HourlyTotalsSql {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final List<String> COUNTS = List.of("calls", "errors", "unpriced_calls", "input_tokens",
			"output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens");

	private final UsageSql sql;

	private final TableName calls;

	HourlyTotalsSql(JdbcDialect dialect, TableName calls) {
		this.sql = new UsageSql(dialect, calls);
		this.calls = calls;
	}

	/**
	 * Which of these ids have a row. The ids are written into the SQL rather than bound: a
	 * prepared statement run again and again gets a generic plan, and PostgreSQL keeps the one it
	 * chose while the table was small (a sequential scan) as the table grows, so each batch got
	 * slower than the last. The ids are UUIDs the recorder made, checked again here, so they
	 * cannot carry SQL.
	 */
	String existingIds(List<String> ids) {
		return "SELECT id FROM " + this.calls.qualified() + " WHERE id IN (" + literals(ids) + ")";
	}

	/** The new rows' sums per hour (epoch hours as {@code hour_bucket}), provider, operation, model and user. */
	String sumsOfRows(List<String> ids) {
		String hour = this.sql.bucketExpression(3600);
		List<String> keys = Rollup.HOURLY.keys();
		return "SELECT " + hour + " AS hour_bucket, " + join(keys, (key) -> selectGrouped(this.sql.dialect(), key)) + ", "
				+ this.sql.sums() + " FROM " + this.calls.qualified() + " WHERE id IN (" + literals(ids) + ") GROUP BY "
				+ hour + ", " + join(keys, (key) -> grouped(this.sql.dialect(), key));
	}

	/**
	 * A text column as grouped: the same text only. MySQL's collations take {@code alice},
	 * {@code Alice} and {@code alice } for one value, yet the roll-ups' keys are hashes of the
	 * text and tell them apart: there the column is grouped by its bytes.
	 */
	static String grouped(JdbcDialect dialect, String column) {
		return (dialect == JdbcDialect.MYSQL) ? "CAST(" + column + " AS BINARY)" : column;
	}

	/** A text column grouped by {@link #grouped}, selected under its own name. */
	static String selectGrouped(JdbcDialect dialect, String column) {
		return (dialect == JdbcDialect.MYSQL) ? "MIN(" + column + ") AS " + column : column;
	}

	/** Adds one group's sums to its row of a roll-up, creating the row when missing. */
	String upsert(Rollup rollup) {
		List<String> sums = sums();
		List<String> columns = columns(rollup);
		String names = String.join(", ", columns);
		String values = parameters(columns.size());
		String table = rollup.table(this.calls).qualified();
		String key = rollup.timeColumn() + ", key_hash";
		return switch (this.sql.dialect()) {
			case POSTGRESQL -> "INSERT INTO " + table + " AS h (" + names + ") VALUES (" + values
					+ ") ON CONFLICT (" + key + ") DO UPDATE SET "
					+ join(sums, (column) -> column + " = h." + column + " + EXCLUDED." + column);
			case SQLITE -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values
					+ ") ON CONFLICT (" + key + ") DO UPDATE SET "
					+ join(sums, (column) -> column + " = " + column + " + excluded." + column);
			case MYSQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
					+ join(sums, (column) -> column + " = " + column + " + VALUES(" + column + ")");
			case H2 -> "MERGE INTO " + table + " h USING (VALUES (" + h2Values(rollup) + ")) AS s (" + names
					+ ") ON h." + rollup.timeColumn() + " = s." + rollup.timeColumn()
					+ " AND h.key_hash = s.key_hash WHEN MATCHED THEN UPDATE SET "
					+ join(sums, (column) -> column + " = h." + column + " + s." + column)
					+ " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES ("
					+ join(columns, (column) -> "s." + column) + ")";
		};
	}

	/** H2 needs the parameters' types to add them up. */
	private static String h2Values(Rollup rollup) {
		return "CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS VARCHAR(64)), "
				+ "CAST(? AS VARCHAR(255)), ".repeat(rollup.keys().size()) + "CAST(? AS BIGINT), ".repeat(COUNTS.size())
				+ "CAST(? AS DECIMAL(38, 18))";
	}

	/** Every column of a roll-up table, in the order {@link HourlyTotals} binds them. */
	List<String> columns(Rollup rollup) {
		List<String> columns = new ArrayList<>();
		columns.add(rollup.timeColumn());
		columns.add("key_hash");
		columns.addAll(rollup.keys());
		columns.addAll(sums());
		return columns;
	}

	/** The summed columns, in the order {@link RollupKey.Sums#bind} binds them. */
	List<String> sums() {
		List<String> sums = new ArrayList<>(COUNTS);
		sums.add(costColumn());
		return sums;
	}

	boolean costInPicodollars() {
		return this.sql.dialectIsSqlite();
	}

	private String costColumn() {
		return costInPicodollars() ? "cost_pico_usd" : "cost_usd";
	}

	private static String parameters(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private static String join(List<String> columns, Function<String, String> each) {
		return columns.stream().map(each).collect(Collectors.joining(", "));
	}

	/** The ids as SQL string literals; see {@link #existingIds}. */
	private static String literals(List<String> ids) {
		StringBuilder sql = new StringBuilder(ids.size() * 39);
		for (String id : ids) {
			if (!UUID_TEXT.matcher(id).matches()) {
				throw new IllegalArgumentException("not an event id: " + id);
			}
			if (sql.length() > 0) {
				sql.append(", ");
			}
			sql.append('\'').append(id).append('\'');
		}
		return sql.toString();
	}

}
