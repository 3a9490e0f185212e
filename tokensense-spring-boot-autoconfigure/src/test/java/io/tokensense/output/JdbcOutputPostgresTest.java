package io.tokensense.output;

import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The jdbc output's contract on the PostgreSQL server named by {@code TOKENSENSE_TEST_POSTGRES_URL};
 * skipped with a warning when it is unset.
 */
class JdbcOutputPostgresTest extends JdbcOutputTest {

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

}
