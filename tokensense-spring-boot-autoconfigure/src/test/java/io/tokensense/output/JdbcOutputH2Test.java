package io.tokensense.output;

import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;

/** The jdbc output's contract on H2. */
class JdbcOutputH2Test extends JdbcOutputTest {

	private static final TestDatabase database = TestDatabase.h2();

	@Override
	TestDatabase database() {
		return database;
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

}
