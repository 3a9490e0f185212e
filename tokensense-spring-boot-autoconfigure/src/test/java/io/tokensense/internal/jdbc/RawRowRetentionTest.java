package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tokensense.CallEvent;
import io.tokensense.autoconfigure.actuate.TokenSenseEndpoint;
import io.tokensense.autoconfigure.actuate.UsageReports.Summary;
import io.tokensense.internal.usage.jdbc.JdbcUsageStore;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.Events;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention deletes the rows older than it, in batches, on each database; the hourly totals
 * stay, so the endpoint still counts the old calls and says the window reaches past the rows.
 */
class RawRowRetentionTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:17:42Z");

	private static final Duration RETENTION = Duration.ofDays(90);

	static Stream<Arguments> databases() {
		return TestDatabase.everyKind();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void deletesOldRowsInBatchesAndKeepsTheirTotals(String name, Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			List<CallEvent> events = new ArrayList<>();
			int old = RawRowRetention.ROWS_PER_DELETE * 2 + 300;
			for (int i = 0; i < old; i++) {
				events.add(Events.priced(NOW.minus(RETENTION).minus(Duration.ofMinutes(1 + i)), "gpt-4o", "alice", 10,
						1, "0.001"));
			}
			for (int i = 0; i < 200; i++) {
				events.add(Events.priced(NOW.minus(Duration.ofMinutes(1 + i)), "gpt-4o", "bob", 10, 1, "0.002"));
			}
			JdbcOutput.builder(db.dataSource()).table(table).build().write(events);

			RawRowRetention retention = new RawRowRetention(db.dataSource(), TableName.of(table), RETENTION,
					Clock.fixed(NOW, ZoneOffset.UTC));
			assertThat(retention.deleteExpired()).isEqualTo(old);
			assertThat(retention.deleteExpired()).isZero();
			retention.close();

			assertThat(count(db, "SELECT COUNT(*) FROM " + table)).isEqualTo(200);
			assertThat(count(db, "SELECT SUM(calls) FROM " + TableName.of(table).hourly().qualified()))
				.isEqualTo(events.size());
			TokenSenseEndpoint endpoint = new TokenSenseEndpoint(
					new JdbcUsageStore(db.dataSource(), TableName.of(table), RETENTION), Clock.fixed(NOW, ZoneOffset.UTC));
			Summary all = endpoint.summary(null, null, null, null);
			assertThat(all.totals().calls()).as("old calls still counted from the hourly totals")
				.isEqualTo(events.size());
			assertThat(all.totals().costUsd()).isEqualByComparingTo("2.7");
			assertThat(all.window().rowsSince()).isEqualTo(NOW.minus(RETENTION));
			assertThat(endpoint.summary("P1D", null, null, null).window().rowsSince()).isNull();
		}
	}

	private static long count(TestDatabase db, String sql) throws Exception {
		try (Connection connection = db.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
