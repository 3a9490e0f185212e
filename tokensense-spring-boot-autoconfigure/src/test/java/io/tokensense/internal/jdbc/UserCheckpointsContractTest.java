package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tokensense.CallEvent;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's side of the running totals per user ({@link UserCheckpoints}), on each database:
 * after random batches (late ones, retried ones whose commit landed, calls in the same and in
 * other spacings), and after the tables are created beside a table written without them and
 * filled from its hourly totals, each user's row and checkpoints are exactly what the calls
 * table says ({@link RunningTotalsCheck}).
 */
class UserCheckpointsContractTest {

	static Stream<Arguments> databases() {
		return TestDatabase.everyKind();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void eachCheckpointHoldsTheSumsOfTheUsersCallsBeforeIt(String name, Supplier<TestDatabase> database)
			throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			JdbcOutput output = JdbcOutput.builder(db.dataSource()).table(table).build();
			writeRandomBatches(output, random, new RandomCalls(random), 60);
			RunningTotalsCheck.assertMatchTheCalls(db, table, name + ", seed " + seed);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void theTablesCreatedBesideAnOlderTableAreFilledFromItsHourlyTotals(String name, Supplier<TestDatabase> database)
			throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			RandomCalls calls = new RandomCalls(random);
			writeRandomBatches(JdbcOutput.builder(db.dataSource()).table(table).build(), random, calls, 30);
			// as a version without them left the table: the other roll-ups there, these not
			db.execute("DROP TABLE " + table + "_user_checkpoints");
			db.execute("DROP TABLE " + table + "_users");
			writeRandomBatches(JdbcOutput.builder(db.dataSource()).table(table).initializeSchema(false).build(), random,
					calls, 15);
			assertThat(db.tableExists(table + "_users")).isFalse();

			try (Connection connection = db.dataSource().getConnection()) {
				SchemaScripts.create(connection, db.dialect(), TableName.of(table));
			}
			RunningTotalsCheck.assertMatchTheCalls(db, table, name + " filled, seed " + seed);
			writeRandomBatches(JdbcOutput.builder(db.dataSource()).table(table).build(), random, calls, 15);
			RunningTotalsCheck.assertMatchTheCalls(db, table, name + " filled and written to, seed " + seed);
		}
	}

	/**
	 * Writes random batches; some are held back and written later, some written twice (a retry
	 * after a commit that landed: nothing may count twice).
	 */
	static void writeRandomBatches(JdbcOutput output, Random random, RandomCalls calls, int count) throws Exception {
		List<List<CallEvent>> late = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<CallEvent> batch = calls.batch(1 + random.nextInt(300));
			if (random.nextInt(6) == 0) {
				late.add(batch);
				continue;
			}
			output.write(batch);
			if (random.nextInt(4) == 0) {
				output.write(batch);
			}
			if (!late.isEmpty() && random.nextInt(3) == 0) {
				output.write(late.remove(0));
			}
		}
		for (List<CallEvent> batch : late) {
			output.write(batch);
		}
	}

}
