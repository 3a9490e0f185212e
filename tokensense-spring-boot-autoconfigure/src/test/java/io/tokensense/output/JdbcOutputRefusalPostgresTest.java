package io.tokensense.output;

import java.math.BigDecimal;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Refused rows on the PostgreSQL server named by {@code TOKENSENSE_TEST_POSTGRES_URL}, where
 * DDL is transactional; skipped when unset.
 */
class JdbcOutputRefusalPostgresTest extends JdbcOutputRefusalTest {

	private static TestDatabase database;

	@BeforeAll
	static void connect() {
		database = TestDatabase.fromEnvironment(TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
	}

	@Override
	TestDatabase database() {
		return TestDatabase.orSkip(database, TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
	}

	@AfterAll
	static void closeDatabase() {
		if (database != null) {
			database.close();
		}
	}

	@Test
	void keepsTheTableItCreatedWhenTheFirstBatchFailsWithAutoCommitOff() throws Exception {
		database();
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(System.getenv(TestDatabase.POSTGRES_URL));
			pool.setAutoCommit(false);
			pool.setMaximumPoolSize(2);
			JdbcOutput output = JdbcOutput.builder(pool).table(table()).build();
			// more than NUMERIC(38, 18) holds: the database refuses the first batch after creating the table
			CallEvent tooCostly = JdbcTestEvents.event(java.util.UUID.randomUUID(), JdbcTestEvents.START, 1, "1e21");
			assertThat(tooCostly.costUsd()).isGreaterThan(new BigDecimal("1e20"));
			EventsRejectedException rejection = catchThrowableOfType(EventsRejectedException.class,
					() -> output.write(List.of(tooCostly)));
			assertThat(rejection).isNotNull();
			assertThat(rejection.getMessage()).contains("22003");

			output.write(JdbcTestEvents.events(3));

			assertThat(count(table())).isEqualTo(3);
		}
	}

}
