package io.tokensense.internal.usage.jdbc;

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
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.HourlyTotals;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.jdbc.UsageSql;
import io.tokensense.internal.usage.TimeBucket;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageStore;
import io.tokensense.internal.usage.UsageTotals;
import org.jspecify.annotations.Nullable;

/**
 * Usage reports computed by the database from the calls table the jdbc output writes, so they
 * survive restarts and cover every instance sharing the database. Whole buckets are read from
 * the roll-ups beside the table ({@link Rollup}) wherever a report allows (no session or tag
 * filter; totals, model, provider and user breakdowns, time series in whole hours): whole days
 * from the daily totals per user, whole hours from the hourly totals per model or the hourly
 * totals, the partial hours at the edges and everything else from the rows. Every path gives the
 * same answer.
 */
public final class JdbcUsageStore implements UsageStore {

	private static final ObjectMapper json = new ObjectMapper();

	private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
	};

	private final DataSource dataSource;

	private final TableName table;

	private static final long HOURLY_LOOK_AGAIN = Duration.ofMinutes(1).toNanos();

	/** A report without time buckets: any roll-up's buckets divide it. */
	private static final long NOT_BUCKETED = 0;

	/** The roll-ups a report may read, coarsest and smallest first. */
	private static final List<Rollup> READ_ORDER = List.of(Rollup.DAILY_USERS, Rollup.HOURLY_MODELS, Rollup.HOURLY);

	private final boolean readHourlyTotals;

	private final @Nullable Duration retention;

	private volatile @Nullable UsageSql sql;

	private final Map<Rollup, Boolean> tablesSeen = new ConcurrentHashMap<>();

	private final Map<Rollup, Long> tablesLookedFor = new ConcurrentHashMap<>();

	/**
	 * Reports over a calls table and, for whole hours, its hourly totals.
	 * @param dataSource the database
	 * @param table the calls table
	 */
	public JdbcUsageStore(DataSource dataSource, TableName table) {
		this(dataSource, table, null);
	}

	/**
	 * Reports over a calls table whose rows are kept for {@code retention}.
	 * @param dataSource the database
	 * @param table the calls table
	 * @param retention how long rows are kept, {@code null} for ever
	 */
	public JdbcUsageStore(DataSource dataSource, TableName table, @Nullable Duration retention) {
		this(dataSource, table, retention, true);
	}

	/** With {@code readHourlyTotals} false, reports read the rows only (to compare both paths). */
	public JdbcUsageStore(DataSource dataSource, TableName table, @Nullable Duration retention,
			boolean readHourlyTotals) {
		this.dataSource = dataSource;
		this.table = table;
		this.retention = retention;
		this.readHourlyTotals = readHourlyTotals;
	}

	@Override
	public @Nullable Instant rowsSince(Instant now) {
		return (this.retention != null) ? now.minus(this.retention) : null;
	}

	@Override
	public String source() {
		return "jdbc";
	}

	@Override
	public List<CallEvent> latestCalls(UsageQuery query, int limit) {
		return run((connection, sql) -> new LatestCallRows(sql.dialect(), this.table).read(connection, query, limit));
	}

	@Override
	public UsageTotals totals(UsageQuery query) {
		return run((connection, sql) -> {
			UsageTotals[] sum = { UsageTotals.EMPTY };
			List<String> needed = (query.userId() != null) ? List.of("user_id") : List.of();
			for (RollupWindow part : parts(connection, sql, query, needed, NOT_BUCKETED)) {
				UsageSql source = source(sql, part);
				UsageSql.Filter filter = source.filter(part.query());
				select(connection, source, source.totals(filter), filter,
						(rows, totals) -> sum[0] = sum[0].plus(totals));
			}
			return sum[0];
		});
	}

	@Override
	public List<UsageRow> breakdown(UsageQuery query, UsageDimension dimension) {
		return run((connection, sql) -> {
			String column = (dimension.column() != null) ? dimension.column() : "tags";
			// a roll-up keeping the column answers; none keeps sessions or tags
			Map<String, UsageRow> byKey = new LinkedHashMap<>();
			for (RollupWindow part : parts(connection, sql, query, needed(query, column), NOT_BUCKETED)) {
				UsageSql source = source(sql, part);
				UsageSql.Filter filter = source.filter(part.query());
				select(connection, source, source.groupedBy(column, filter), filter, (rows, totals) -> {
					for (String key : keys(dimension, rows.getString("group_key"))) {
						byKey.merge(key, UsageRow.of(key, totals), UsageRow::plus);
					}
				});
			}
			List<UsageRow> rows = new ArrayList<>(byKey.values());
			rows.sort(UsageRow.BY_COST);
			return rows;
		});
	}

	@Override
	public List<TimeBucket> timeseries(UsageQuery query, Duration interval) {
		long seconds = Math.max(1, interval.toSeconds());
		// a roll-up's bucket falls in one of the series' only when these are whole multiples of it
		long multipleOf = (interval.getNano() == 0) ? seconds : Long.MAX_VALUE;
		return run((connection, sql) -> {
			Map<Long, Map<String, UsageRow>> buckets = new TreeMap<>();
			for (RollupWindow part : parts(connection, sql, query, needed(query, "request_model"), multipleOf)) {
				UsageSql source = source(sql, part);
				UsageSql.Filter filter = source.filter(part.query());
				select(connection, source, source.timeseries(interval, filter), filter, (rows, totals) -> {
					String model = rows.getString("group_key");
					String key = (model != null) ? model : UsageRow.NONE;
					buckets.computeIfAbsent(rows.getLong("bucket"), (bucket) -> new LinkedHashMap<>())
						.merge(key, UsageRow.of(key, totals), UsageRow::plus);
				});
			}
			List<TimeBucket> series = new ArrayList<>(buckets.size());
			buckets.forEach((bucket, byModel) -> {
				List<UsageRow> rows = new ArrayList<>(byModel.values());
				rows.sort(UsageRow.BY_COST);
				series.add(new TimeBucket(Instant.ofEpochSecond(bucket * seconds), rows));
			});
			return series;
		});
	}

	private static List<String> needed(UsageQuery query, String column) {
		return (query.userId() != null) ? List.of(column, "user_id") : List.of(column);
	}

	/**
	 * The parts of the window to read: the roll-ups keeping every column the report groups or
	 * filters by, whose buckets divide {@code multipleOf} seconds and whose table exists, coarsest
	 * first (of two with the same buckets, the smaller; the daily totals per user only for reports
	 * by or for a user); nothing but the rows with a session or tag filter.
	 */
	private List<RollupWindow> parts(Connection connection, UsageSql sql, UsageQuery query, List<String> needed,
			long multipleOf) throws SQLException {
		List<Rollup> rollups = new ArrayList<>();
		if (query.sessionId() == null && query.tag() == null) {
			for (Rollup rollup : READ_ORDER) {
				boolean finer = rollups.isEmpty() || rollup.seconds() < rollups.get(rollups.size() - 1).seconds();
				// a row per active user and day outnumbers the hourly rows per model when many users call
				boolean byUser = rollup != Rollup.DAILY_USERS || needed.contains("user_id");
				if (finer && byUser && multipleOf % rollup.seconds() == 0 && needed.stream().allMatch(rollup::keeps)
						&& exists(connection, sql, rollup)) {
					rollups.add(rollup);
				}
			}
		}
		return RollupWindow.split(query, rollups);
	}

	private static UsageSql source(UsageSql sql, RollupWindow part) {
		Rollup rollup = part.source();
		return (rollup != null) ? sql.over(rollup) : sql;
	}

	/** Whether a roll-up's table is there; once seen it stays, a missing one is looked for again a minute later. */
	private boolean exists(Connection connection, UsageSql sql, Rollup rollup) throws SQLException {
		if (!this.readHourlyTotals) {
			return false;
		}
		if (this.tablesSeen.getOrDefault(rollup, false)) {
			return true;
		}
		long now = System.nanoTime();
		Long lookedFor = this.tablesLookedFor.get(rollup);
		if (lookedFor != null && now - lookedFor < HOURLY_LOOK_AGAIN) {
			return false;
		}
		boolean seen = HourlyTotals.tableExists(connection, sql.dialect(), rollup.table(this.table));
		this.tablesSeen.put(rollup, seen);
		this.tablesLookedFor.put(rollup, now);
		return seen;
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
