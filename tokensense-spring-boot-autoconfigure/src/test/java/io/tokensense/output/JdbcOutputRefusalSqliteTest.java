package io.tokensense.output;

import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;

/** Refused rows on Sqlite. */
class JdbcOutputRefusalSqliteTest extends JdbcOutputRefusalTest {

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
