package io.tokensense.output.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.usage.TimeBucket;
import io.tokensense.usage.UsageDimension;
import io.tokensense.usage.UsageQuery;
import io.tokensense.usage.UsageRow;
import io.tokensense.usage.UsageStore;
import io.tokensense.usage.UsageTotals;
import org.jspecify.annotations.Nullable;

/**
 * Usage reports computed by the database from the calls table the jdbc output writes, so they
 * survive restarts and cover every instance sharing the database.
 */
public final class JdbcUsageStore implements UsageStore {

	private static final ObjectMapper json = new ObjectMapper();

	private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
	};

	private final DataSource dataSource;

	private final TableName table;

	private volatile @Nullable UsageSql sql;

	public JdbcUsageStore(DataSource dataSource, TableName table) {
		this.dataSource = dataSource;
		this.table = table;
	}

	@Override
	public String source() {
		return "jdbc";
	}

	@Override
	public UsageTotals totals(UsageQuery query) {
		return run((connection, sql) -> {
			UsageSql.Filter filter = sql.filter(query);
			UsageTotals[] sum = { UsageTotals.EMPTY };
			select(connection, sql, sql.totals(filter), filter, (rows, totals) -> sum[0] = sum[0].plus(totals));
			return sum[0];
		});
	}

	@Override
	public List<UsageRow> breakdown(UsageQuery query, UsageDimension dimension) {
		return run((connection, sql) -> {
			UsageSql.Filter filter = sql.filter(query);
			String column = (dimension.column() != null) ? dimension.column() : "tags";
			Map<String, UsageRow> byKey = new LinkedHashMap<>();
			select(connection, sql, sql.groupedBy(column, filter), filter, (rows, totals) -> {
				for (String key : keys(dimension, rows.getString("group_key"))) {
					byKey.merge(key, UsageRow.of(key, totals), UsageRow::plus);
				}
			});
			List<UsageRow> rows = new ArrayList<>(byKey.values());
			rows.sort(UsageRow.BY_COST);
			return rows;
		});
	}

	@Override
	public List<TimeBucket> timeseries(UsageQuery query, Duration interval) {
		long seconds = Math.max(1, interval.toSeconds());
		return run((connection, sql) -> {
			UsageSql.Filter filter = sql.filter(query);
			Map<Long, Map<String, UsageRow>> buckets = new TreeMap<>();
			select(connection, sql, sql.timeseries(interval, filter), filter, (rows, totals) -> {
				String model = rows.getString("group_key");
				String key = (model != null) ? model : UsageRow.NONE;
				buckets.computeIfAbsent(rows.getLong("bucket"), (bucket) -> new LinkedHashMap<>())
					.merge(key, UsageRow.of(key, totals), UsageRow::plus);
			});
			List<TimeBucket> series = new ArrayList<>(buckets.size());
			buckets.forEach((bucket, byModel) -> {
				List<UsageRow> rows = new ArrayList<>(byModel.values());
				rows.sort(UsageRow.BY_COST);
				series.add(new TimeBucket(Instant.ofEpochSecond(bucket * seconds), rows));
			});
			return series;
		});
	}

	/**
	 * Runs a report's statement and hands each group to the consumer, leaving out the groups
	 * whose tag set does not hold the query's tag as a whole element.
	 */
	private static void select(Connection connection, UsageSql sql, String select, UsageSql.Filter filter,
			GroupConsumer consumer) throws SQLException {
		String tag = filter.tag();
		try (PreparedStatement statement = connection.prepareStatement(select)) {
			filter.bind(statement);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					if (tag == null || tags(rows.getString("tag_set")).contains(tag)) {
						consumer.accept(rows, readTotals(rows, sql));
					}
				}
			}
		}
	}

	private static UsageTotals readTotals(ResultSet rows, UsageSql sql) throws SQLException {
		return new UsageTotals(rows.getLong("calls"), rows.getLong("errors"), rows.getLong("input_tokens"),
				rows.getLong("output_tokens"), rows.getLong("cache_read_tokens"), rows.getLong("cache_write_tokens"),
				rows.getLong("reasoning_tokens"), cost(rows, sql), rows.getLong("unpriced_calls"));
	}

	private static BigDecimal cost(ResultSet rows, UsageSql sql) throws SQLException {
		if (sql.dialectIsSqlite()) {
			return BigDecimal.valueOf(rows.getLong("cost_usd"), UsageSql.SQLITE_COST_SCALE).stripTrailingZeros();
		}
		BigDecimal cost = rows.getBigDecimal("cost_usd");
		return (cost != null) ? cost.stripTrailingZeros() : BigDecimal.ZERO;
	}

	private static List<String> keys(UsageDimension dimension, @Nullable String value) throws SQLException {
		if (dimension != UsageDimension.TAG) {
			return List.of((value != null) ? value : UsageRow.NONE);
		}
		return tags(value);
	}

	private static List<String> tags(@Nullable String value) throws SQLException {
		try {
			return (value != null) ? json.readValue(value, TAGS) : List.of();
		}
		catch (Exception ex) {
			throw new SQLException("Unreadable tags in the calls table: " + value, ex);
		}
	}

	private <T> T run(Query<T> query) {
		try (Connection connection = this.dataSource.getConnection()) {
			return query.run(connection, sql(connection));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("TokenSense could not read usage from " + this.table + ": " + ex.getMessage(),
					ex);
		}
	}

	private UsageSql sql(Connection connection) throws SQLException {
		UsageSql current = this.sql;
		if (current == null) {
			current = new UsageSql(JdbcDialect.of(connection.getMetaData().getDatabaseProductName()), this.table);
			this.sql = current;
		}
		return current;
	}

	@FunctionalInterface
	private interface GroupConsumer {

		void accept(ResultSet rows, UsageTotals totals) throws SQLException;

	}

	@FunctionalInterface
	private interface Query<T> {

		T run(Connection connection, UsageSql sql) throws SQLException;

	}

}
