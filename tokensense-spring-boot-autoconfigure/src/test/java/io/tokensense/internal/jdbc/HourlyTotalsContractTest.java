package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.usage.TimeBucket;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageTotals;
import io.tokensense.internal.usage.jdbc.JdbcUsageStore;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the roll-ups (hourly totals, hourly totals per model, daily totals per user):
 * every report answers the same read from the roll-ups (whole days and hours) and the edges, or
 * from the rows alone, to the last digit of cost, on each database, over random calls written
 * in random batches, some of them retried; and the same again after the two newer roll-ups are
 * dropped and refilled from the hourly totals, as for a table written by an older version.
 */
class HourlyTotalsContractTest {

	/** Not on an hour: every window has partial edge hours. */
	private static final Instant NOW = Instant.parse("2026-11-27T12:17:42.123456Z");

	private static final String LONG_USER = "u".repeat(300);

	static Stream<Arguments> databases() {
		return TestDatabase.everyKind();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void totalsAndRowsGiveTheSameAnswers(String name, Supplier<TestDatabase> database) throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			JdbcOutput output = JdbcOutput.builder(db.dataSource()).table(table).build();
			List<CallEvent> events = events(random, 2_000);
			int written = 0;
			while (written < events.size()) {
				List<CallEvent> batch = events.subList(written, Math.min(events.size(), written + 1 + random.nextInt(700)));
				output.write(batch);
				if (written == 0 || random.nextInt(3) == 0) {
					// a retried batch whose first commit landed: the rows are there, nothing may count twice
					output.write(batch);
				}
				written += batch.size();
			}
			assertEachRollupCountsEveryCall(db, table, events.size(), seed);
			assertSameAnswers(db, table, random, seed, events.size());

			// a table written before the roll-ups per model and per day and user: they are filled from the hourly totals
			for (Rollup rollup : List.of(Rollup.HOURLY_MODELS, Rollup.DAILY_USERS)) {
				db.execute("DROP TABLE " + rollup.table(TableName.of(table)).qualified());
			}
			try (Connection connection = db.dataSource().getConnection()) {
				SchemaScripts.create(connection, db.dialect(), TableName.of(table));
			}
			assertEachRollupCountsEveryCall(db, table, events.size(), seed);
			assertSameAnswers(db, table, random, seed, events.size());
		}
	}

	private static void assertEachRollupCountsEveryCall(TestDatabase db, String table, int calls, long seed)
			throws Exception {
		for (Rollup rollup : Rollup.values()) {
			assertThat(rollupCalls(db, rollup.table(TableName.of(table)))).as("seed %d, %s", seed, rollup)
				.isEqualTo(calls);
		}
	}

	private static void assertSameAnswers(TestDatabase db, String table, Random random, long seed, int calls) {
		JdbcUsageStore totals = new JdbcUsageStore(db.dataSource(), TableName.of(table));
		JdbcUsageStore rows = new JdbcUsageStore(db.dataSource(), TableName.of(table), null, false);
		for (UsageQuery query : queries(random)) {
			String as = "seed " + seed + ", " + query;
			assertSame(totals.totals(query), rows.totals(query), as);
			for (UsageDimension dimension : UsageDimension.values()) {
				assertThat(normalised(totals.breakdown(query, dimension))).as("%s by %s", as, dimension)
					.isEqualTo(normalised(rows.breakdown(query, dimension)));
			}
			for (Duration interval : List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(1),
					Duration.ofMinutes(15))) {
				assertThat(normalisedSeries(totals.timeseries(query, interval))).as("%s every %s", as, interval)
					.isEqualTo(normalisedSeries(rows.timeseries(query, interval)));
			}
		}
		assertThat(totals.totals(UsageQuery.of(null, null, null, null, NOW)).calls()).isEqualTo(calls);
	}

	private static List<CallEvent> events(Random random, int count) {
		String[] models = { "gpt-4o", "gpt-4o-mini", "claude-haiku-4-5", null };
		String[] users = { "alice", "bob", null, LONG_USER, "" };
		String[] sessions = { "s1", "s2", null };
		List<List<String>> tags = List.of(List.of(), List.of("a"), List.of("b", "a"), List.of("a\"b"));
		List<CallEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Instant at = NOW.minus(random.nextInt(72 * 3600), ChronoUnit.SECONDS)
				.minus(random.nextInt(1_000_000), ChronoUnit.MICROS);
			if (random.nextInt(20) == 0) {
				at = at.truncatedTo(ChronoUnit.HOURS);
			}
			CallStatus status = (random.nextInt(10) == 0) ? CallStatus.ERROR
					: (random.nextInt(20) == 0) ? CallStatus.CANCELLED : CallStatus.SUCCESS;
			boolean priced = status == CallStatus.SUCCESS && random.nextInt(8) != 0;
			PricingStatus pricing = priced ? PricingStatus.PRICED
					: random.nextBoolean() ? PricingStatus.UNKNOWN_MODEL : PricingStatus.NO_USAGE;
			Long input = random.nextInt(10) == 0 ? null : (long) random.nextInt(200_000);
			Long output = random.nextInt(10) == 0 ? null : (long) random.nextInt(20_000);
			// up to 20 decimals: the decimal columns keep 18, SQLite the text
			BigDecimal cost = priced ? BigDecimal.valueOf(random.nextLong(1, 50_000_000_000_000_000L), 20)
					.add(BigDecimal.valueOf(random.nextInt(100))) : null;
			events.add(new CallEvent(UUID.randomUUID(), at, random.nextBoolean() ? "openai" : "anthropic",
					random.nextInt(4) == 0 ? "responses" : "chat", models[random.nextInt(models.length)], null, input,
					output, random.nextBoolean() ? 0L : null, (long) random.nextInt(50), (long) random.nextInt(9),
					null, cost, pricing, Duration.ofMillis(random.nextInt(5_000)), null, random.nextBoolean(), status,
					(status == CallStatus.ERROR) ? "429" : null, users[random.nextInt(users.length)],
					sessions[random.nextInt(sessions.length)], tags.get(random.nextInt(tags.size())), null, null,
					null, null));
		}
		return events;
	}

	private static List<UsageQuery> queries(Random random) {
		List<UsageQuery> queries = new ArrayList<>();
		for (String user : new String[] { null, "alice", LONG_USER }) {
			queries.add(UsageQuery.of(null, user, null, null, NOW));
			queries.add(UsageQuery.of("PT24H", user, null, null, NOW));
			queries.add(UsageQuery.of("P3D", user, null, null, NOW));
			queries.add(UsageQuery.of("2026-11-24T05:00:00Z", user, null, null, NOW));
			queries.add(new UsageQuery(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"), user,
					null, null));
			queries.add(UsageQuery.of("PT30M", user, null, null, NOW));
			queries.add(UsageQuery.of("2026-11-26T07:00:00Z", user, null, null, NOW));
			Instant since = NOW.minus(random.nextInt(80 * 3600), ChronoUnit.SECONDS)
				.minus(random.nextInt(1_000_000), ChronoUnit.MICROS);
			queries.add(new UsageQuery(since, NOW, user, null, null));
			queries.add(new UsageQuery(since, NOW.truncatedTo(ChronoUnit.HOURS), user, null, null));
		}
		queries.add(UsageQuery.of("P2D", null, "s1", null, NOW));
		queries.add(UsageQuery.of("P2D", null, null, "a", NOW));
		return queries;
	}

	private static long rollupCalls(TestDatabase db, TableName rollup) throws Exception {
		try (Connection connection = db.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT SUM(calls) FROM " + rollup.qualified())) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void assertSame(UsageTotals actual, UsageTotals expected, String as) {
		assertThat(actual.costUsd()).as("cost of %s", as).isEqualByComparingTo(expected.costUsd());
		assertThat(actual).as(as).usingRecursiveComparison().ignoringFields("costUsd").isEqualTo(expected);
	}

	/** Costs compared by value (to the last digit), not by scale. */
	private static List<UsageRow> normalised(List<UsageRow> rows) {
		return rows.stream()
			.map((row) -> new UsageRow(row.key(), row.calls(), row.errors(), row.inputTokens(), row.outputTokens(),
					row.cacheReadTokens(), row.cacheWriteTokens(), row.reasoningTokens(),
					row.costUsd().stripTrailingZeros(), row.unpricedCalls()))
			.toList();
	}

	private static List<TimeBucket> normalisedSeries(List<TimeBucket> series) {
		return series.stream().map((bucket) -> new TimeBucket(bucket.start(), normalised(bucket.byModel()))).toList();
	}

}
