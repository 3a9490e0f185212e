package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.usage.MemoryUsageStore;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.Events;
import io.tokensense.testsupport.TestDatabase;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latest calls read back from the table are the events written, newest first, the same
 * list the in-memory store answers; and each database answers the query by walking the
 * timestamp index, not by sorting the table.
 */
class LatestCallRowsTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	/** Costs compared by value: the table keeps 18 decimals. */
	private static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
		.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
		.build();

	static Stream<Arguments> databases() {
		return TestDatabase.everyKind();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void listsTheNewestCallsAsTheyWereRecorded(String name, Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			List<CallEvent> events = events();
			JdbcOutput.builder(db.dataSource()).table(table).build().write(events);
			MemoryUsageStore memory = new MemoryUsageStore(1000);
			memory.write(events);
			JdbcUsageStore jdbc = new JdbcUsageStore(db.dataSource(), TableName.of(table));

			for (UsageQuery query : queries()) {
				for (int limit : new int[] { 1, 2, 100 }) {
					List<CallEvent> expected = memory.latestCalls(query, limit);
					assertThat(jdbc.latestCalls(query, limit)).as("%s, limit %d", query, limit)
						.usingRecursiveFieldByFieldElementComparator(BY_VALUE)
						.containsExactlyElementsOf(expected);
				}
			}
			List<CallEvent> all = jdbc.latestCalls(UsageQuery.of(null, null, null, null, NOW), 100);
			assertThat(all).extracting(CallEvent::timestamp).isSortedAccordingTo((a, b) -> b.compareTo(a));
			assertThat(all.get(0).prompt()).isEqualTo("Qu'est-ce qu'un jeton ? \uD83D\uDE80");
			// a tag whose JSON text holds another's: a LIKE match that is not the tag, skipped for the next page
			assertThat(jdbc.latestCalls(UsageQuery.of(null, null, null, "b", NOW), 1)).extracting(CallEvent::userId)
				.containsExactly("erin");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void walksTheTimestampIndexNewestFirst(String name, Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			List<CallEvent> many = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				many.add(Events.priced(NOW.minus(Duration.ofSeconds(i * 37L)), "gpt-4o", "user-" + (i % 50), 10, 1,
						"0.0001"));
			}
			JdbcOutput.builder(db.dataSource()).table(table).build().write(many);
			String index = TableName.of(table).indexName("timestamp");
			String plan = plan(db, table, UsageQuery.of("P7D", null, null, null, NOW));
			assertThat(plan.toLowerCase(Locale.ROOT)).as(plan).contains(index);
			assertThat(plan.toLowerCase(Locale.ROOT)).as(plan).doesNotContain("temp b-tree").doesNotContain("filesort");
			switch (db.dialect()) {
				case POSTGRESQL -> assertThat(plan).contains("Index Scan Backward using " + index);
				case MYSQL -> assertThat(plan).contains("key=" + index);
				case H2 -> assertThat(plan).contains("index sorted");
				case SQLITE -> assertThat(plan).contains("USING INDEX " + index);
			}
		}
	}

	/** The database's plan of the first page of the query, as text. */
	private static String plan(TestDatabase db, String table, UsageQuery query) throws SQLException {
		LatestCallRows rows = new LatestCallRows(db.dialect(), TableName.of(table));
		String select = rows.select(query, 20, 0);
		String explain = switch (db.dialect()) {
			case SQLITE -> "EXPLAIN QUERY PLAN " + select;
			default -> "EXPLAIN " + select;
		};
		try (Connection connection = db.dataSource().getConnection()) {
			if (db.dialect() == JdbcDialect.POSTGRESQL || db.dialect() == JdbcDialect.MYSQL) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("ANALYZE " + (db.dialect() == JdbcDialect.MYSQL ? "TABLE " : "") + table);
				}
			}
			try (PreparedStatement statement = connection.prepareStatement(explain)) {
				rows.bind(statement, query);
				StringBuilder plan = new StringBuilder();
				try (ResultSet result = statement.executeQuery()) {
					int columns = result.getMetaData().getColumnCount();
					while (result.next()) {
						for (int i = 1; i <= columns; i++) {
							plan.append(result.getString(i)).append(' ');
						}
						if (db.dialect() == JdbcDialect.MYSQL) {
							plan.append("key=").append(result.getString("key"));
						}
						plan.append('\n');
					}
				}
				return plan.toString();
			}
		}
	}

	private static List<CallEvent> events() {
		List<CallEvent> events = new ArrayList<>();
		events.add(Events.priced(NOW.minus(Duration.ofHours(30)), "gpt-4o", "alice", 1000, 100, "0.0035"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(90)), "gpt-4o", "alice", 2000, 300, "0.008", "beta"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(50)), "gpt-4o-mini", "bob", 1200, 300, "0.000285",
				"beta", "100%_off"));
		events.add(Events.failed(NOW.minus(Duration.ofMinutes(10)), "gpt-4o", "bob", "429"));
		events.add(Events.unknownModel(NOW.minus(Duration.ofMinutes(5)), "mystery", "carol"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(4)), "gpt-4o", "erin", 10, 1, "0.04", "b", "c"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(3)), "gpt-4o", "dave", 10, 1, "0.01", "a\"b"));
		// every field set, content captured, a timestamp with microseconds
		events.add(new CallEvent(UUID.randomUUID(), NOW.minus(Duration.ofMinutes(1)).plusNanos(123_456_000),
				"anthropic", "messages", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", 5000L, 800L, 4000L, 500L,
				200L, 5800L, new BigDecimal("0.000000075"), PricingStatus.PRICED, Duration.ofMillis(2345),
				Duration.ofMillis(321), true, CallStatus.SUCCESS, null, "frank", "s-1", List.of("chat", "ünï"),
				"msg_01", "Qu'est-ce qu'un jeton ? \uD83D\uDE80", "Un morceau de mot.", "priority"));
		return events;
	}

	private static List<UsageQuery> queries() {
		return List.of(UsageQuery.of(null, null, null, null, NOW), UsageQuery.of("PT2H", null, null, null, NOW),
				UsageQuery.of(null, "bob", null, null, NOW), UsageQuery.of(null, null, "s-1", null, NOW),
				UsageQuery.of(null, null, null, "beta", NOW), UsageQuery.of(null, null, null, "100%_off", NOW),
				UsageQuery.of(null, null, null, "b", NOW), UsageQuery.of(null, null, null, "ünï", NOW));
	}

}
