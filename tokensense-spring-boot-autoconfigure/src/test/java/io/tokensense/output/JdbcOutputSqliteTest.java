package io.tokensense.output;

import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;

/** The jdbc output's contract on Sqlite. */
class JdbcOutputSqliteTest extends JdbcOutputTest {

	private static final TestDatabase database = TestDatabase.sqlite();

	@Override
	TestDatabase database() {
		return database;
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

}
