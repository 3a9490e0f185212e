package io.tokensense.output;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.usage.jdbc.JdbcUsageStore;
import io.tokensense.internal.jdbc.SchemaScripts;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.testsupport.TableRows;
import io.tokensense.testsupport.TestDatabase;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
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

	private String table;

	/** The database under test; closed (and its tables dropped) after the class. */
	abstract TestDatabase database();

	@BeforeEach
	void chooseTable() {
		this.table = database().uniqueTable();
	}

	@Test
	void writesEveryColumnOfEachEvent() throws Exception {
		List<CallEvent> events = List.of(JdbcTestEvents.fullEvent(), JdbcTestEvents.unpricedErrorEvent(),
				JdbcTestEvents.noUsageEvent());
		output().write(events);

		assertThat(TableRows.read(database(), this.table)).usingRecursiveFieldByFieldElementComparator(
				RecursiveComparisonConfiguration.builder()
					.withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class)
					.build())
			.containsExactlyInAnyOrderElementsOf(events);
	}

	@Test
	void addsTheServiceTierColumnToATableFromBeforeIt() throws Exception {
		for (String statement : SchemaScripts.statements(database().dialect(), TableName.of(this.table))) {
			database().execute(statement.replaceAll(",\\s*service_tier [A-Z]+(\\(255\\))?", ""));
		}
		assertThat(columns()).doesNotContain("service_tier");
		CallEvent event = JdbcTestEvents.fullEvent();
		output().write(List.of(event));
		output().write(List.of(JdbcTestEvents.noUsageEvent()));

		assertThat(columns()).contains("service_tier");
		assertThat(TableRows.read(database(), this.table)).extracting(CallEvent::serviceTier)
			.containsExactlyInAnyOrder("priority", null);
	}

	@Test
	void keepsMicrosecondsOfTheTimestampInUtc() throws Exception {
		Instant nanos = Instant.parse("2026-12-31T23:59:59.999999999Z");
		CallEvent event = JdbcTestEvents.event(UUID.randomUUID(), nanos, 1, "0.1");
		output().write(List.of(event));

		assertThat(TableRows.read(database(), this.table)).singleElement()
			.satisfies((row) -> assertThat(row.timestamp()).isEqualTo(nanos.truncatedTo(ChronoUnit.MICROS)));
	}

	@Test
	void writesARetriedBatchOnlyOnce() throws Exception {
		JdbcOutput output = output();
		List<CallEvent> batch = JdbcTestEvents.events(20);
		output.write(batch);
		output.write(batch);
		output.write(batch.subList(10, 20));

		assertThat(count()).isEqualTo(20);
		assertThat(hourlyCalls()).as("calls in the hourly totals").isEqualTo(20);
	}

	@Test
	void writesRowsWithoutTotalsToAScriptedTableThatLacksThem() throws Exception {
		// a schema managed by hand from an older script: the calls table only
		String script = SchemaScripts.statements(database().dialect(), TableName.of(this.table)).get(0);
		database().execute(script);
		JdbcOutput output = JdbcOutput.builder(database().dataSource())
			.table(this.table)
			.initializeSchema(false)
			.build();
		output.write(JdbcTestEvents.events(3));

		assertThat(count()).isEqualTo(3);
		assertThat(database().tableExists(TableName.of(this.table).hourly().name())).isFalse();
		assertThat(new JdbcUsageStore(database().dataSource(), TableName.of(this.table))
			.totals(new UsageQuery(null, Instant.now(), null, null, null))
			.calls()).as("reports read the rows").isEqualTo(3);
	}

	@Test
	void writesTheHourlyTotalsAloneToAScriptedTableThatLacksTheOtherRollups() throws Exception {
		// a schema managed by hand from the script of the version that had only the hourly totals
		for (String statement : SchemaScripts.statements(database().dialect(), TableName.of(this.table))) {
			if (!statement.contains(this.table + "_hourly_models") && !statement.contains(this.table + "_daily_users")) {
				database().execute(statement);
			}
		}
		JdbcOutput output = JdbcOutput.builder(database().dataSource()).table(this.table).initializeSchema(false).build();
		output.write(JdbcTestEvents.events(3));

		assertThat(hourlyCalls()).as("calls in the hourly totals").isEqualTo(3);
		assertThat(database().tableExists(this.table + "_daily_users")).isFalse();
		JdbcUsageStore store = new JdbcUsageStore(database().dataSource(), TableName.of(this.table));
		UsageQuery everything = new UsageQuery(null, Instant.now(), null, null, null);
		assertThat(store.totals(everything).calls()).isEqualTo(3);
		assertThat(store.breakdown(everything, UsageDimension.USER).stream().mapToLong(UsageRow::calls).sum())
			.as("users from the hourly totals")
			.isEqualTo(3);
	}

	@Test
	void createsTheTableAndItsIndexesWhenMissing() throws Exception {
		assertThat(database().tableExists(this.table)).isFalse();
		output().write(JdbcTestEvents.events(1));

		assertThat(database().tableExists(this.table)).isTrue();
		assertThat(database().indexedColumns(this.table)).contains("timestamp", "user_id", "session_id");
	}

	@Test
	void writesToATableCreatedByTheShippedScript() throws Exception {
		JdbcOutput.builder(database().dataSource()).table(this.table).build().write(JdbcTestEvents.events(1));
		JdbcOutput never = JdbcOutput.builder(database().dataSource())
			.table(this.table)
			.initializeSchema(false)
			.build();
		never.write(JdbcTestEvents.events(2));

		assertThat(count()).isEqualTo(3);
	}

	@Test
	void leavesTheSchemaAloneWhenToldNever() {
		JdbcOutput output = JdbcOutput.builder(database().dataSource())
			.table(this.table)
			.initializeSchema(false)
			.build();

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> output.write(JdbcTestEvents.events(1)));
		assertThat(database().tableExists(this.table)).isFalse();
	}

	@Test
	void sumsInSqlEqualTheEventsSums() throws Exception {
		List<CallEvent> events = JdbcTestEvents.events(200);
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
		CallEvent event = JdbcTestEvents.fullEvent();
		String longUser = "ü".repeat(300);
		CallEvent overlong = new CallEvent(event.id(), event.timestamp(), event.provider(), event.operation(),
				event.requestModel(), event.responseModel(), event.inputTokens(), event.outputTokens(),
				event.cacheReadTokens(), event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens(),
				event.costUsd(), event.pricingStatus(), event.latency(), event.timeToFirstToken(), event.streamed(),
				event.status(), event.errorType(), longUser, event.sessionId(), event.tags(), event.requestId(),
				event.prompt(), event.response(), null);
		output().write(List.of(overlong, JdbcTestEvents.events(1).get(0)));

		assertThat(TableRows.read(database(), this.table)).hasSize(2)
			.anySatisfy((row) -> assertThat(row.userId()).isEqualTo("ü".repeat(255)));
	}

	@Test
	void namesItselfJdbc() {
		assertThat(output().name()).isEqualTo("jdbc");
	}

	private JdbcOutput output() {
		return JdbcOutput.builder(database().dataSource()).table(this.table).build();
	}

	private long hourlyCalls() throws SQLException {
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT SUM(calls) FROM " + TableName.of(this.table).hourly().qualified())) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private long count() throws SQLException {
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + this.table)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private List<String> columns() throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT * FROM " + this.table + " WHERE 1 = 0")) {
			for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
				names.add(rows.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

}
