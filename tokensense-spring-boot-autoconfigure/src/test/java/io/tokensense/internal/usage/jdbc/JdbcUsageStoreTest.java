package io.tokensense.internal.usage.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.usage.MemoryUsageStore;
import io.tokensense.internal.usage.TimeBucket;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageTotals;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.Events;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database's sums equal the sums of the events themselves: every report of the JDBC
 * store is compared with the in-memory store fed the same events, on each database.
 */
class JdbcUsageStoreTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	static Stream<Arguments> databases() {
		return TestDatabase.everyKind();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void answersWhatTheEventsAddUpTo(String name, Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			List<CallEvent> events = events();
			JdbcOutput.builder(db.dataSource()).table(table).build().write(events);
			MemoryUsageStore memory = new MemoryUsageStore(1000);
			memory.write(events);
			JdbcUsageStore jdbc = new JdbcUsageStore(db.dataSource(), TableName.of(table));

			for (UsageQuery query : queries()) {
				assertSameTotals(jdbc.totals(query), memory.totals(query), query);
				for (UsageDimension dimension : UsageDimension.values()) {
					assertThat(normalised(jdbc.breakdown(query, dimension)))
						.as("%s by %s", query, dimension)
						.isEqualTo(normalised(memory.breakdown(query, dimension)));
				}
			}
			assertThat(jdbc.totals(UsageQuery.of(null, null, null, "b", NOW)).calls()).as("whole tag b").isEqualTo(1);
			assertThat(jdbc.totals(UsageQuery.of(null, null, null, ",", NOW)).calls()).as("whole tag ,").isZero();
			assertThat(jdbc.totals(UsageQuery.of(null, LONG_USER, null, null, NOW)).calls()).as("long user").isEqualTo(1);
			assertThat(jdbc.totals(UsageQuery.of(null, null, LONG_SESSION, null, NOW)).calls()).as("long session")
				.isEqualTo(1);
			assertThat(jdbc.breakdown(UsageQuery.of(null, null, null, "b", NOW), UsageDimension.TAG))
				.extracting(UsageRow::key)
				.containsExactlyInAnyOrder("b", "c");
			List<TimeBucket> series = jdbc.timeseries(queries().get(0), Duration.ofHours(1));
			List<TimeBucket> expected = memory.timeseries(queries().get(0), Duration.ofHours(1));
			assertThat(series).extracting(TimeBucket::start).isEqualTo(expected.stream().map(TimeBucket::start).toList());
			for (int i = 0; i < series.size(); i++) {
				assertThat(normalised(series.get(i).byModel())).isEqualTo(normalised(expected.get(i).byModel()));
			}
		}
	}

	private static List<CallEvent> events() {
		List<CallEvent> events = new ArrayList<>();
		events.add(Events.priced(NOW.minus(Duration.ofHours(30)), "gpt-4o", "alice", 1000, 100, "0.0035"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(90)), "gpt-4o", "alice", 2000, 300, "0.008", "beta"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(50)), "gpt-4o-mini", "bob", 1200, 300, "0.000285",
				"beta", "100%_off"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(20)), "claude-haiku-4-5", null, 400, 60,
				"0.000000075", "batch"));
		events.add(Events.failed(NOW.minus(Duration.ofMinutes(10)), "gpt-4o", "bob", "429"));
		events.add(Events.unknownModel(NOW.minus(Duration.ofMinutes(5)), "mystery", "carol"));
		// tags holding another tag's JSON text: only the last event carries "b" as a whole element
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(4)), "gpt-4o", "dave", 10, 1, "0.01", "a\"b"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(4)), "gpt-4o", "dave", 10, 1, "0.02", "x,", ",y"));
		events.add(Events.priced(NOW.minus(Duration.ofMinutes(3)), "gpt-4o", "erin", 10, 1, "0.04", "b", "c"));
		// stored cut to 255 characters: filters by the full value must still find them
		events.add(withSession(Events.priced(NOW.minus(Duration.ofMinutes(2)), "gpt-4o", LONG_USER, 10, 1, "0.08"),
				LONG_SESSION));
		return events;
	}

	private static final String LONG_USER = "u".repeat(254) + "\uD83D\uDE80" + "-and-more";

	private static final String LONG_SESSION = "s".repeat(300);

	private static CallEvent withSession(CallEvent event, String sessionId) {
		return new CallEvent(event.id(), event.timestamp(), event.provider(), event.operation(), event.requestModel(),
				event.responseModel(), event.inputTokens(), event.outputTokens(), event.cacheReadTokens(),
				event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens(), event.costUsd(),
				event.pricingStatus(), event.latency(), event.timeToFirstToken(), event.streamed(), event.status(),
				event.errorType(), event.userId(), sessionId, event.tags(), event.requestId(), event.prompt(),
				event.response(), event.serviceTier());
	}

	private static List<UsageQuery> queries() {
		return List.of(UsageQuery.of(null, null, null, null, NOW), UsageQuery.of("PT24H", null, null, null, NOW),
				UsageQuery.of(null, "bob", null, null, NOW), UsageQuery.of(null, null, null, "beta", NOW),
				UsageQuery.of(null, null, null, "100%_off", NOW), UsageQuery.of(null, null, null, "100", NOW),
				UsageQuery.of("2026-11-27T11:30:00Z", null, null, null, NOW), UsageQuery.of(null, null, null, "b", NOW),
				UsageQuery.of(null, null, null, ",", NOW), UsageQuery.of(null, null, null, "a\"b", NOW),
				UsageQuery.of(null, LONG_USER, null, null, NOW), UsageQuery.of(null, null, LONG_SESSION, null, NOW));
	}

	private static void assertSameTotals(UsageTotals actual, UsageTotals expected, UsageQuery query) {
		assertThat(actual.costUsd()).as("cost of %s", query).isEqualByComparingTo(expected.costUsd());
		assertThat(actual).as("%s", query)
			.usingRecursiveComparison()
			.ignoringFields("costUsd")
			.isEqualTo(expected);
	}

	/** Rows with costs compared by value, not scale. */
	private static List<UsageRow> normalised(List<UsageRow> rows) {
		return rows.stream()
			.map((row) -> new UsageRow(row.key(), row.calls(), row.errors(), row.inputTokens(), row.outputTokens(),
					row.cacheReadTokens(), row.cacheWriteTokens(), row.reasoningTokens(),
					row.costUsd().stripTrailingZeros(), row.unpricedCalls()))
			.toList();
	}

}
