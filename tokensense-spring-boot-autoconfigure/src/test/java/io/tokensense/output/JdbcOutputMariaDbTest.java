package io.tokensense.output;

import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The jdbc output's contract on the MariaDB server named by {@code TOKENSENSE_TEST_MARIADB_URL};
 * skipped with a warning when it is unset.
 */
class JdbcOutputMariaDbTest extends JdbcOutputTest {

	private static TestDatabase database;

	@BeforeAll
	static void connect() {
		database = TestDatabase.fromEnvironment(TestDatabase.MARIADB_URL, JdbcDialect.MYSQL);
	}

	@Override
	TestDatabase database() {
		return TestDatabase.orSkip(database, TestDatabase.MARIADB_URL, JdbcDialect.MYSQL);
	}

	@AfterAll
	static void closeDatabase() {
		if (database != null) {
			database.close();
		}
	}

}
