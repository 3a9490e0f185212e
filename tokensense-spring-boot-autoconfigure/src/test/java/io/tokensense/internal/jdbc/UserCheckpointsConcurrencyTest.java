package io.tokensense.internal.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Two instances (two outputs, each on its own connections) write batches for the same users at
 * the same moment, each batch started together with the other's: no sum may be lost or counted
 * twice. Their calls fall on other days and providers, so that no roll-up row makes one wait
 * for the other and only the users' locks keep them apart. A batch the database fails for a reason that may pass (a deadlock) is written again,
 * as the pipeline does. On the servers with row locks: PostgreSQL and MariaDB.
 */
class UserCheckpointsConcurrencyTest {

	private static final int BATCHES = 40;

	static Stream<Arguments> databases() {
		return TestDatabase.servers();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void twoWritersOfTheSameUsersLoseNoSum(String name, Supplier<TestDatabase> database) throws Exception {
		long seed = System.nanoTime();
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			JdbcOutput.builder(db.dataSource()).table(table).build().write(List.of());
			CyclicBarrier together = new CyclicBarrier(2);
			AtomicInteger retries = new AtomicInteger();
			ExecutorService threads = Executors.newFixedThreadPool(2);
			try {
				List<Future<?>> writers = new ArrayList<>();
				for (int n = 0; n < 2; n++) {
					int writer = n;
					Random random = new Random(seed + writer);
					JdbcOutput output = JdbcOutput.builder(db.dataSource()).table(table).build();
					writers.add(threads.submit(() -> {
						// the same users, on other days and providers: only the running totals are shared
						RandomCalls calls = (writer == 0) ? new RandomCalls(random, "openai", Duration.ZERO)
								: new RandomCalls(random, "anthropic", Duration.ofDays(2));
						for (int i = 0; i < BATCHES; i++) {
							List<CallEvent> batch = calls.batch(1 + random.nextInt(200));
							together.await(1, TimeUnit.MINUTES);
							writeUntilDone(output, batch, db.dialect(), retries);
						}
						return null;
					}));
				}
				for (Future<?> writer : writers) {
					writer.get(5, TimeUnit.MINUTES);
				}
			}
			finally {
				threads.shutdownNow();
			}
			System.out.printf("UserCheckpointsConcurrencyTest %s: %d batches written again after a failure%n", name,
					retries.get());
			RunningTotalsCheck.assertMatchTheCalls(db, table, name + " (two writers), seed " + seed);
		}
	}

	/** Writes the batch again while the failure may pass, as the pipeline retries a batch. */
	private static void writeUntilDone(JdbcOutput output, List<CallEvent> batch, JdbcDialect dialect,
			AtomicInteger retries) throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				output.write(batch);
				return;
			}
			catch (SQLException ex) {
				if (SqlFailures.isPermanent(ex, dialect) || attempt == 20) {
					throw ex;
				}
				retries.incrementAndGet();
			}
		}
	}

}
