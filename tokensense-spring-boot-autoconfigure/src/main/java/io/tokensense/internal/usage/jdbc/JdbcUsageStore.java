package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.CheckpointSql;
import io.tokensense.internal.jdbc.HourlyTotals;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.jdbc.UserCheckpoints;
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
 * filter; totals, model, provider and user breakdowns, time series in whole hours), the
 * stretches at the edges from finer ones or the rows, some added and some taken away
 * ({@link RollupWindow}); the breakdown by user and a user's totals from the running totals per
 * user ({@link CheckpointSpan}). Every path gives the same answer, read in one snapshot.
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

	private final Map<String, Boolean> tablesSeen = new ConcurrentHashMap<>();

	private final Map<String, Long> tablesLookedFor = new ConcurrentHashMap<>();

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
			read(connection, sql, query, needed, NOT_BUCKETED, UsageSql::totals,
					(rows, totals) -> sum[0] = sum[0].plus(totals));
			UsageTotals total = sum[0];
			return new UsageTotals(total.calls(), total.errors(), total.inputTokens(), total.outputTokens(),
					total.cacheReadTokens(), total.cacheWriteTokens(), total.reasoningTokens(),
					total.costUsd().stripTrailingZeros(), total.unpricedCalls());
		});
	}

	@Override
	public List<UsageRow> breakdown(UsageQuery query, UsageDimension dimension) {
		return run((connection, sql) -> {
			String column = (dimension.column() != null) ? dimension.column() : "tags";
			Map<String, UsageRow> byKey = new HashMap<>();
			read(connection, sql, query, needed(query, column), NOT_BUCKETED,
					(source, filter) -> source.groupedBy(column, filter), (rows, totals) -> {
						for (String key : keys(dimension, rows.getString("group_key"))) {
							byKey.merge(key, UsageRow.of(key, totals), UsageRow::plus);
						}
					});
			return sortedAndPlain(byKey.values());
		});
	}

	@Override
	public List<TimeBucket> timeseries(UsageQuery query, Duration interval) {
		long seconds = Math.max(1, interval.toSeconds());
		// a roll-up's bucket falls in one of the series' only when these are whole multiples of it
		long multipleOf = (interval.getNano() == 0) ? seconds : Long.MAX_VALUE;
		return run((connection, sql) -> {
			Map<Long, Map<String, UsageRow>> buckets = new TreeMap<>();
			read(connection, sql, query, needed(query, "request_model"), multipleOf,
					(source, filter) -> source.timeseries(interval, filter), (rows, totals) -> {
						String model = rows.getString("group_key");
						String key = (model != null) ? model : UsageRow.NONE;
						buckets.computeIfAbsent(rows.getLong("bucket"), (bucket) -> new HashMap<>())
							.merge(key, UsageRow.of(key, totals), UsageRow::plus);
					});
			List<TimeBucket> series = new ArrayList<>(buckets.size());
			buckets.forEach((bucket, byModel) -> {
				List<UsageRow> rows = sortedAndPlain(byModel.values());
				if (!rows.isEmpty()) {
					series.add(new TimeBucket(Instant.ofEpochSecond(bucket * seconds), rows));
				}
			});
			return series;
		});
	}

	/**
	 * The rows with calls, most expensive first, costs without trailing zeros. A key whose calls
	 * were all in a part taken away again is not in the window. The costs are brought to one
	 * scale for the sort (never rounding): decimals of one scale compare without rescaling, which
	 * otherwise takes most of the time of sorting 10,000 users.
	 */
	private static List<UsageRow> sortedAndPlain(Collection<UsageRow> byKey) {
		int scale = 0;
		for (UsageRow row : byKey) {
			scale = Math.max(scale, row.costUsd().scale());
		}
		List<UsageRow> rows = new ArrayList<>(byKey.size());
		for (UsageRow row : byKey) {
			if (row.calls() != 0) {
				rows.add((row.costUsd().scale() == scale) ? row : withCost(row, row.costUsd().setScale(scale)));
			}
		}
		rows.sort(UsageRow.BY_COST);
		rows.replaceAll((row) -> withCost(row, row.costUsd().stripTrailingZeros()));
		return rows;
	}

	private static UsageRow withCost(UsageRow row, BigDecimal cost) {
		return new UsageRow(row.key(), row.calls(), row.errors(), row.inputTokens(), row.outputTokens(),
				row.cacheReadTokens(), row.cacheWriteTokens(), row.reasoningTokens(), cost, row.unpricedCalls());
	}

	private static List<String> needed(UsageQuery query, String column) {
		return (query.userId() != null) ? List.of(column, "user_id") : List.of(column);
	}

	/**
	 * Reads a report part by part and hands each group's sums to the consumer, negated for the
	 * parts taken away. A report by or for a user, with no other key, reads the per-user running
	 * totals between the checkpoints nearest its ends when they are there.
	 */
	private void read(Connection connection, UsageSql sql, UsageQuery query, List<String> needed, long multipleOf,
			PartSql partSql, GroupConsumer consumer) throws SQLException {
		List<Rollup> rollups = rollups(connection, sql, query, needed, multipleOf);
		Instant rowsSince = rowsSince(Instant.now());
		boolean byUserAlone = !needed.isEmpty() && needed.stream().allMatch("user_id"::equals);
		CheckpointSpan span = (byUserAlone && rollups.contains(Rollup.HOURLY)
				&& checkpointsExist(connection, sql)) ? CheckpointSpan.of(query, rowsSince) : null;
		List<RollupWindow> parts;
		if (span != null) {
			CheckpointSql.Statement between = new CheckpointSql(sql.dialect(), this.table).between(span.from(), span.to(),
					query.userId());
			select(connection, sql, between.sql(), between::bind, null, consumer);
			parts = span.edges(query, rollups, rowsSince);
		}
		else {
			parts = RollupWindow.split(query, rollups, rowsSince);
		}
		for (RollupWindow part : parts) {
			UsageSql source = source(sql, part);
			UsageSql.Filter filter = source.filter(part.query());
			GroupConsumer signed = part.subtract() ? (rows, totals) -> consumer.accept(rows, totals.negated())
					: consumer;
			select(connection, source, partSql.select(source, filter), filter::bind, filter.tag(), signed);
		}
	}

	/**
	 * The roll-ups a report may read: those keeping every column it groups or filters by, whose
	 * buckets divide {@code multipleOf} seconds and whose table exists, coarsest first (of two with
	 * the same buckets, the smaller; the daily totals per user only for reports by or for a user);
	 * none with a session or tag filter.
	 */
	private List<Rollup> rollups(Connection connection, UsageSql sql, UsageQuery query, List<String> needed,
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
		return rollups;
	}

	private static UsageSql source(UsageSql sql, RollupWindow part) {
		Rollup rollup = part.source();
		return (rollup != null) ? sql.over(rollup) : sql;
	}

	private boolean exists(Connection connection, UsageSql sql, Rollup rollup) throws SQLException {
		return exists(connection, sql, rollup.table(this.table));
	}

	/** Whether both tables of the per-user running totals are there. */
	private boolean checkpointsExist(Connection connection, UsageSql sql) throws SQLException {
		return exists(connection, sql, UserCheckpoints.usersTable(this.table))
				&& exists(connection, sql, UserCheckpoints.checkpointsTable(this.table));
	}

	/** Whether a table beside the calls table is there; once seen it stays, a missing one is looked for again a minute later. */
	private boolean exists(Connection connection, UsageSql sql, TableName beside) throws SQLException {
		if (!this.readHourlyTotals) {
			return false;
		}
		String name = beside.qualified();
		if (this.tablesSeen.getOrDefault(name, false)) {
			return true;
		}
		long now = System.nanoTime();
		Long lookedFor = this.tablesLookedFor.get(name);
		if (lookedFor != null && now - lookedFor < HOURLY_LOOK_AGAIN) {
			return false;
		}
		boolean seen = HourlyTotals.tableExists(connection, sql.dialect(), beside);
		this.tablesSeen.put(name, seen);
		this.tablesLookedFor.put(name, now);
		return seen;
	}

	/**
	 * Runs a report's statement and hands each group to the consumer, leaving out the groups
	 * whose tag set does not hold {@code tag} as a whole element.
	 */
	private static void select(Connection connection, UsageSql sql, String select, Binder binder, @Nullable String tag,
			GroupConsumer consumer) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(select)) {
			binder.bind(statement);
			try (ResultSet rows = statement.executeQuery()) {
				SumColumns columns = SumColumns.of(rows);
				while (rows.next()) {
					if (tag == null || tags(rows.getString("tag_set")).contains(tag)) {
						consumer.accept(rows, columns.read(rows, sql.dialectIsSqlite()));
					}
				}
			}
		}
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
			UsageSql sql = sql(connection);
			if (!connection.getAutoCommit()) {
				// the application's pool hands out connections in a transaction: read in that one
				return query.run(connection, sql);
			}
			return inSnapshot(connection, sql.dialect(), () -> query.run(connection, sql));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("TokenSense could not read usage from " + this.table + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Runs a report's statements in one read-only snapshot: its parts, some of them taken away
	 * from others, then see the same calls even while batches are written in between.
	 * SQLite's transactions are snapshots at any level.
	 */
	private static <T> T inSnapshot(Connection connection, JdbcDialect dialect, Work<T> work) throws SQLException {
		int isolation = connection.getTransactionIsolation();
		boolean raise = dialect != JdbcDialect.SQLITE && isolation != Connection.TRANSACTION_REPEATABLE_READ
				&& isolation != Connection.TRANSACTION_SERIALIZABLE;
		if (raise) {
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		}
		connection.setAutoCommit(false);
		try {
			return work.run();
		}
		finally {
			try {
				connection.rollback();
				connection.setAutoCommit(true);
			}
			finally {
				if (raise) {
					connection.setTransactionIsolation(isolation);
				}
			}
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
	private interface Work<T> {

		T run() throws SQLException;

	}

	@FunctionalInterface
	private interface PartSql {

		String select(UsageSql source, UsageSql.Filter filter);

	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;

	}

	@FunctionalInterface
	private interface Query<T> {

		T run(Connection connection, UsageSql sql) throws SQLException;

	}

}
