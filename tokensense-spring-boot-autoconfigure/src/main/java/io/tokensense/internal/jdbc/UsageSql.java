package io.tokensense.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.internal.support.CallEventJson;
import io.tokensense.internal.usage.UsageQuery;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of usage reports over the calls table, per dialect. Sums are computed by the
 * database; only what SQL cannot do portably (splitting the tags' JSON array) is left to the
 * caller.
 */
public final class UsageSql {

	/** SQLite has no decimal type: costs are summed as whole picodollars to stay exact. */
	public static final int SQLITE_COST_SCALE = 12;

	private final JdbcDialect dialect;

	private final TableName table;

	private final @Nullable Rollup rollup;

	/** Reports over the calls table. */
	public UsageSql(JdbcDialect dialect, TableName table) {
		this(dialect, table, null);
	}

	private UsageSql(JdbcDialect dialect, TableName table, @Nullable Rollup rollup) {
		this.dialect = dialect;
		this.table = table;
		this.rollup = rollup;
	}

	/** The same reports over a roll-up kept beside the calls table ({@code this} must be over the calls table). */
	public UsageSql over(Rollup rollup) {
		return new UsageSql(this.dialect, rollup.table(this.table), rollup);
	}

	public JdbcDialect dialect() {
		return this.dialect;
	}

	private String timeColumn() {
		return (this.rollup != null) ? this.rollup.timeColumn() : "timestamp";
	}

	public boolean dialectIsSqlite() {
		return this.dialect == JdbcDialect.SQLITE;
	}

	/** The sums every report selects, labelled as {@code JdbcUsageStore} reads them. */
	String sums() {
		if (this.rollup != null) {
			return "SUM(calls) AS calls, SUM(errors) AS errors, SUM(input_tokens) AS input_tokens, "
					+ "SUM(output_tokens) AS output_tokens, SUM(cache_read_tokens) AS cache_read_tokens, "
					+ "SUM(cache_write_tokens) AS cache_write_tokens, SUM(reasoning_tokens) AS reasoning_tokens, "
					+ costSum() + " AS cost_usd, SUM(unpriced_calls) AS unpriced_calls";
		}
		return "COUNT(*) AS calls, SUM(CASE WHEN status = 'ERROR' THEN 1 ELSE 0 END) AS errors, "
				+ "SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, "
				+ "SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens, "
				+ "SUM(reasoning_tokens) AS reasoning_tokens, " + costSum() + " AS cost_usd, "
				+ "SUM(CASE WHEN status = 'SUCCESS' AND pricing_status <> 'PRICED' THEN 1 ELSE 0 END) AS unpriced_calls";
	}

	private String costSum() {
		if (this.rollup != null && this.dialect == JdbcDialect.SQLITE) {
			return "SUM(cost_pico_usd)";
		}
		if (this.dialect == JdbcDialect.SQLITE) {
			return "SUM(CAST(ROUND(cost_usd * 1" + "0".repeat(SQLITE_COST_SCALE) + ") AS INTEGER))";
		}
		return "SUM(cost_usd)";
	}

	/**
	 * The sums over the filtered rows. With a tag filter, per distinct tag set as
	 * {@code tag_set}: {@code LIKE} only narrows the rows, the caller keeps the sets that hold the
	 * tag as a whole element.
	 */
	public String totals(Filter filter) {
		return select("", filter, "");
	}

	/** Sums grouped by a column (the tags' text for the tag dimension) as {@code group_key}. */
	public String groupedBy(String column, Filter filter) {
		return select(column + " AS group_key, ", filter, column);
	}

	/** Sums per model and bucket; the bucket is the start's epoch seconds divided by the interval. */
	public String timeseries(Duration interval, Filter filter) {
		// a literal, not a parameter: PostgreSQL only matches GROUP BY expressions that are identical
		String bucket = bucketExpression(Math.max(1, interval.toSeconds()));
		return select(bucket + " AS bucket, request_model AS group_key, ", filter, bucket + ", request_model");
	}

	/**
	 * The filtered calls themselves, newest first, one page: {@code limit} rows from {@code offset}
	 * (only over the calls table). Ordered by the timestamp alone, so every database can walk its
	 * timestamp index backwards and stop after the page instead of sorting the table.
	 */
	public String newestRows(Filter filter, int limit, int offset) {
		// literals, not parameters: limit and offset are checked ints, and not every driver binds them
		String page = switch (this.dialect) {
			case POSTGRESQL, H2 -> " OFFSET " + offset + " ROWS FETCH FIRST " + limit + " ROWS ONLY";
			case MYSQL, SQLITE -> " LIMIT " + limit + " OFFSET " + offset;
		};
		return "SELECT " + String.join(", ", EventRows.COLUMNS) + " FROM " + this.table.qualified() + filter.where()
				+ " ORDER BY timestamp DESC" + page;
	}

	private String select(String keys, Filter filter, String groupBy) {
		String tagSet = filter.byTag() ? "tags AS tag_set, " : "";
		List<String> groups = new ArrayList<>();
		if (!groupBy.isEmpty()) {
			groups.add(groupBy);
		}
		if (filter.byTag() && !groupBy.equals("tags")) {
			groups.add("tags");
		}
		String grouping = groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups);
		return "SELECT " + keys + tagSet + sums() + " FROM " + this.table.qualified() + filter.where() + grouping;
	}

	/** The start's epoch seconds divided by {@code seconds}, rounded down, as SQL. */
	String bucketExpression(long seconds) {
		String column = timeColumn();
		return switch (this.dialect) {
			case POSTGRESQL, H2 -> "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ") / " + seconds + ") AS BIGINT)";
			case MYSQL -> "FLOOR(TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', " + column + ") / " + seconds + ")";
			case SQLITE -> "(CAST(strftime('%s', " + column + ") AS INTEGER) / " + seconds + ")";
		};
	}

	public Filter filter(UsageQuery query) {
		return new Filter(query);
	}

	/** The WHERE clause of a query and the values it binds. */
	public final class Filter {

		private final UsageQuery query;

		private final List<String> conditions = new ArrayList<>();

		Filter(UsageQuery query) {
			this.query = query;
			if (query.since() != null) {
				this.conditions.add(timeColumn() + " >= ?");
			}
			this.conditions.add(timeColumn() + " < ?");
			if (query.userId() != null) {
				this.conditions.add("user_id = ?");
			}
			if (query.sessionId() != null) {
				this.conditions.add("session_id = ?");
			}
			if (query.tag() != null) {
				this.conditions.add("tags LIKE ? ESCAPE '!'");
			}
		}

		public @Nullable String tag() {
			return this.query.tag();
		}

		boolean byTag() {
			return this.query.tag() != null;
		}

		String where() {
			return " WHERE " + String.join(" AND ", this.conditions);
		}

		public void bind(PreparedStatement statement) throws SQLException {
			int index = 1;
			if (this.query.since() != null) {
				UsageSql.this.dialect.setTimestamp(statement, index++, this.query.since());
			}
			UsageSql.this.dialect.setTimestamp(statement, index++, this.query.until());
			if (this.query.userId() != null) {
				statement.setString(index++, this.query.userId());
			}
			if (this.query.sessionId() != null) {
				statement.setString(index++, this.query.sessionId());
			}
			if (this.query.tag() != null) {
				statement.setString(index, tagPattern(this.query.tag()));
			}
		}

	}

	/**
	 * Finds the tag inside the stored JSON array, wildcards escaped: a superset of the rows
	 * holding it as an element ({@code "b"} is also inside {@code ["a\"b"]}).
	 */
	public static String tagPattern(String tag) {
		String element = CallEventJson.toJsonArray(List.of(tag));
		String quoted = element.substring(1, element.length() - 1);
		return "%" + quoted.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

}
