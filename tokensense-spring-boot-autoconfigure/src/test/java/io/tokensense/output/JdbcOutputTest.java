package io.tokensense.output;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.output.jdbc.JdbcDialect;
import io.tokensense.testsupport.TableRows;
import io.tokensense.testsupport.TestDatabase;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * What the jdbc output promises, checked on each database by a subclass: every column round
 * trips, retried batches never duplicate rows, the schema is created only when asked, and SQL
 * sums equal the events' sums.
 */
abstract class JdbcOutputTest {

	private static final Instant START = Instant.parse("2026-03-01T08:00:00.123456Z");

	private String table;

	/** The database under test; closed (and its tables dropped) after the class. */
	abstract TestDatabase database();

	@BeforeEach
	void chooseTable() {
		this.table = database().uniqueTable();
	}

	@Test
	void writesEveryColumnOfEachEvent() throws Exception {
		List<CallEvent> events = List.of(fullEvent(), unpricedErrorEvent(), noUsageEvent());
		output().write(events);

		assertThat(TableRows.read(database(), this.table)).usingRecursiveFieldByFieldElementComparator(
				RecursiveComparisonConfiguration.builder()
					.withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class)
					.build())
			.containsExactlyInAnyOrderElementsOf(events);
	}

	@Test
	void keepsMicrosecondsOfTheTimestampInUtc() throws Exception {
		CallEvent event = event(UUID.randomUUID(), Instant.parse("2026-12-31T23:59:59.999999999Z"), 1, "0.1");
		output().write(List.of(event));

		assertThat(TableRows.read(database(), this.table)).singleElement()
			.satisfies((row) -> assertThat(row.timestamp()).isEqualTo(Instant.parse("2026-12-31T23:59:59.999999Z")));
	}

	@Test
	void writesARetriedBatchOnlyOnce() throws Exception {
		JdbcOutput output = output();
		List<CallEvent> batch = events(20);
		output.write(batch);
		output.write(batch);
		output.write(batch.subList(10, 20));

		assertThat(count()).isEqualTo(20);
	}

	@Test
	void createsTheTableAndItsIndexesWhenMissing() throws Exception {
		assertThat(database().tableExists(this.table)).isFalse();
		output().write(events(1));

		assertThat(database().tableExists(this.table)).isTrue();
		assertThat(database().indexedColumns(this.table)).contains("timestamp", "user_id", "session_id");
	}

	@Test
	void writesToATableCreatedByTheShippedScript() throws Exception {
		new JdbcOutput(database().dataSource(), this.table, true, null).write(events(1));
		JdbcOutput never = new JdbcOutput(database().dataSource(), this.table, false, null);
		never.write(events(2));

		assertThat(count()).isEqualTo(3);
	}

	@Test
	void leavesTheSchemaAloneWhenToldNever() {
		JdbcOutput output = new JdbcOutput(database().dataSource(), this.table, false, null);

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> output.write(events(1)));
		assertThat(database().tableExists(this.table)).isFalse();
	}

	@Test
	void sumsInSqlEqualTheEventsSums() throws Exception {
		List<CallEvent> events = events(200);
		JdbcOutput output = output();
		output.write(events.subList(0, 150));
		output.write(events.subList(150, 200));

		long input = events.stream().mapToLong(CallEvent::inputTokens).sum();
		long outputTokens = events.stream().mapToLong(CallEvent::outputTokens).sum();
		BigDecimal cost = events.stream().map(CallEvent::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet sums = statement.executeQuery("SELECT COUNT(*), SUM(input_tokens), SUM(output_tokens), "
						+ "SUM(cost_usd) FROM " + this.table)) {
			assertThat(sums.next()).isTrue();
			assertThat(sums.getLong(1)).isEqualTo(200);
			assertThat(sums.getLong(2)).isEqualTo(input);
			assertThat(sums.getLong(3)).isEqualTo(outputTokens);
			if (database().dialect() == JdbcDialect.SQLITE) {
				// SQLite sums in binary floating point; each row's own value stays exact text
				assertThat(sums.getBigDecimal(4)).isCloseTo(cost, within(new BigDecimal("1e-12")));
			}
			else {
				assertThat(sums.getBigDecimal(4)).isEqualByComparingTo(cost);
			}
		}
	}

	@Test
	void cutsOverlongIdentifiersInsteadOfLosingTheBatch() throws Exception {
		CallEvent event = fullEvent();
		String longUser = "ü".repeat(300);
		CallEvent overlong = new CallEvent(event.id(), event.timestamp(), event.provider(), event.operation(),
				event.requestModel(), event.responseModel(), event.inputTokens(), event.outputTokens(),
				event.cacheReadTokens(), event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens(),
				event.costUsd(), event.pricingStatus(), event.latency(), event.timeToFirstToken(), event.streamed(),
				event.status(), event.errorType(), longUser, event.sessionId(), event.tags(), event.requestId(),
				event.prompt(), event.response());
		output().write(List.of(overlong, events(1).get(0)));

		assertThat(TableRows.read(database(), this.table)).hasSize(2)
			.anySatisfy((row) -> assertThat(row.userId()).isEqualTo("ü".repeat(255)));
	}

	@Test
	void namesItselfJdbc() {
		assertThat(output().name()).isEqualTo("jdbc");
	}

	private JdbcOutput output() {
		return new JdbcOutput(database().dataSource(), this.table, true, null);
	}

	private long count() throws SQLException {
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + this.table)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	static List<CallEvent> events(int count) {
		Random random = new Random(count);
		List<CallEvent> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String cost = BigDecimal.valueOf(random.nextInt(10_000_000), 10).add(new BigDecimal("0.0000000001"))
				.toPlainString();
			events.add(event(UUID.randomUUID(), START.plusSeconds(i), random.nextInt(100_000), cost));
		}
		return events;
	}

	private static CallEvent event(UUID id, Instant timestamp, long input, String cost) {
		return new CallEvent(id, timestamp, "openai", "chat", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", input,
				input / 2, 0L, 0L, 0L, input + input / 2, new BigDecimal(cost), PricingStatus.PRICED,
				Duration.ofMillis(120), null, false, CallStatus.SUCCESS, null, "user-" + (input % 7), "s-1",
				List.of("batch"), "chatcmpl-" + id, null, null);
	}

	/** Every field set: unicode, a long prompt, an exact cost with many decimals. */
	private static CallEvent fullEvent() {
		String prompt = "Résumé ✓ 日本語 🚀 \"quoted\" ".repeat(4_000);
		return new CallEvent(UUID.randomUUID(), START, "anthropic", "messages", "claude-sonnet-4-6",
				"claude-sonnet-4-6-20260101", 1_234_567L, 890L, 1_000_000L, 200_000L, 45L, 1_235_457L,
				new BigDecimal("12.345678901234567891"), PricingStatus.PRICED, Duration.ofMillis(8_470),
				Duration.ofMillis(312), true, CallStatus.SUCCESS, null, "Zoë", "séance-42",
				List.of("production", "chat-feature", "ünïcode"), "msg_01XYZ", prompt, "Bonjour 👋");
	}

	private static CallEvent unpricedErrorEvent() {
		return new CallEvent(UUID.randomUUID(), START.plusMillis(1), "groq", "chat", "llama-9000", null, 10L, 0L, 0L,
				0L, 0L, 10L, null, PricingStatus.UNKNOWN_MODEL, Duration.ofMillis(5), null, false, CallStatus.ERROR,
				"429", null, null, List.of(), null, null, null);
	}

	private static CallEvent noUsageEvent() {
		return new CallEvent(UUID.randomUUID(), START.plus(1, ChronoUnit.DAYS), "openai", "embeddings", null, null,
				null, null, null, null, null, null, null, PricingStatus.NO_USAGE, Duration.ZERO, null, false,
				CallStatus.CANCELLED, null, null, null, List.of("x"), null, null, null);
	}

}
