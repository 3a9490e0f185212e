package io.tokensense.output;

import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;

/** Refused rows on H2. */
class JdbcOutputRefusalH2Test extends JdbcOutputRefusalTest {

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
