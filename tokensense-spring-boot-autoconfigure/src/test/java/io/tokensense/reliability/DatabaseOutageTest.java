package io.tokensense.reliability;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.TokenSenseContext;
import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.autoconfigure.TokenSenseJdbcAutoConfiguration;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.output.TokenSenseMeters;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.EventPipelineMetrics;
import io.tokensense.internal.pipeline.OutputState;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RefusingTable;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.TcpForwarder;
import io.tokensense.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away for ten seconds under steady traffic: the application writes through
 * a {@link TcpForwarder} that is cut and then restored. Amid the good events are poisoned ones,
 * rows the table refuses for good: every good event is written, each poisoned one is counted
 * as {@value DropReasons#REJECTED}, and written + dropped = offered. The calls notice nothing; while the
 * backlog fits the queue every event becomes exactly one row once the database is back; past
 * the capacity, every event is either a row or a drop counted by reason, and the
 * {@value TokenSenseMeters#EVENTS_DROPPED} meter says the same. Skipped, with a warning, when
 * {@code TOKENSENSE_TEST_POSTGRES_URL} is unset.
 */
class DatabaseOutageTest {

	private static final Duration OUTAGE = Duration.ofSeconds(10);

	/** PostgreSQL's SQLState for a table that does not exist; any other error is a failure. */
	private static final String UNDEFINED_TABLE = "42P01";

	/** About 150 calls a second, so the outage leaves a backlog of well over a thousand events. */
	private static final Duration PAUSE_BETWEEN_CALLS = Duration.ofMillis(5);

	private static TestDatabase database;

	private static TcpForwarder forwarder;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseJdbcAutoConfiguration.class,
				TokenSenseAutoConfiguration.class))
		.withUserConfiguration(ClientConfiguration.class)
		.withPropertyValues("tokensense.outputs=jdbc", "tokensense.queue.batch-size=100",
				"tokensense.queue.flush-interval=50ms", "tokensense.shutdown-timeout=60s");

	@BeforeAll
	static void connect() throws Exception {
		database = TestDatabase.fromEnvironment(TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
		if (database != null) {
			URI server = URI.create(System.getenv(TestDatabase.POSTGRES_URL).substring("jdbc:".length()));
			forwarder = new TcpForwarder(server.getHost(), (server.getPort() != -1) ? server.getPort() : 5432);
		}
	}

	@AfterAll
	static void disconnect() {
		if (forwarder != null) {
			forwarder.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void whileTheBacklogFitsTheQueueEveryCallBecomesExactlyOneRowOnceTheDatabaseIsBack() {
		String table = database().uniqueTable();
		this.contextRunner.withPropertyValues("tokensense.queue.capacity=10000", "tokensense.jdbc.table=" + table,
				"tokensense.jdbc.url=" + forwardedUrl())
			.run((context) -> {
				EventPipeline pipeline = context.getBean(EventPipeline.class);
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				new EventPipelineMetrics(() -> pipeline).bindTo(registry);
				Traffic traffic = trafficThroughAnOutage(context, table);
				long good = traffic.produced() - traffic.poisoned();

				Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> rows(table) == good);
				context.close();

				assertThat(traffic.failedCalls()).isZero();
				assertThat(traffic.poisoned()).as("events the table refuses").isPositive();
				assertThat(traffic.largestBacklog()).as("events held while the database was away")
					.isGreaterThan(500)
					.isLessThan(pipeline.capacity());
				assertThat(rows(table)).isEqualTo(good);
				assertThat(distinctIds(table)).isEqualTo(good);
				assertHourlyTotalsCountEachRowOnce(table);
				assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE user_id = 'nuluser'"))
					.as("rows whose user id held U+0000").isEqualTo(traffic.withNul());
				assertThat(pipeline.written()).isEqualTo(good);
				assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.REJECTED, (long) traffic.poisoned())
					.allSatisfy((reason, count) -> assertThat(count)
						.isEqualTo(reason.equals(DropReasons.REJECTED) ? (long) traffic.poisoned() : 0L));
				assertThat(droppedMeters(registry)).isEqualTo(pipeline.droppedByReason());
				System.out.printf("DatabaseOutageTest (fits): outage %s, capacity %d, produced %d (%d refused by the "
						+ "table), largest backlog %d, rows %d%n", OUTAGE, pipeline.capacity(), traffic.produced(),
						traffic.poisoned(), traffic.largestBacklog(), rows(table));
			});
	}

	@Test
	void pastTheCapacityEveryEventIsEitherARowOrADropCountedByReasonAndTheMeterSaysSo() {
		String table = database().uniqueTable();
		this.contextRunner.withPropertyValues("tokensense.queue.capacity=300", "tokensense.jdbc.table=" + table,
				"tokensense.jdbc.url=" + forwardedUrl())
			.run((context) -> {
				EventPipeline pipeline = context.getBean(EventPipeline.class);
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				new EventPipelineMetrics(() -> pipeline).bindTo(registry);
				Traffic traffic = trafficThroughAnOutage(context, table);

				Awaitility.await()
					.atMost(Duration.ofMinutes(2))
					.until(() -> pipeline.queueSize() == 0 && pipeline.outputStates().get(0).up());
				context.close();

				Map<String, Long> dropped = pipeline.droppedByReason();
				long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
				assertThat(traffic.failedCalls()).isZero();
				assertThat(droppedTotal - traffic.poisoned()).as("events beyond the capacity").isPositive();
				assertThat(dropped).containsEntry(DropReasons.CLOSED, 0L).containsEntry(DropReasons.SHUTDOWN_TIMEOUT, 0L);
				// a batch whose commit reached the database just as the connection was cut looks failed to
				// the output; given up later for want of room, its rows are in the table yet counted as
				// output_failed: the outcome of a commit whose reply was lost cannot be known
				long rows = rows(table);
				assertThat(rows).isBetween(pipeline.written(),
						pipeline.written() + dropped.getOrDefault(DropReasons.OUTPUT_FAILED, 0L));
				assertThat(distinctIds(table)).as("no event written twice").isEqualTo(rows);
				assertHourlyTotalsCountEachRowOnce(table);
				assertThat(pipeline.written() + droppedTotal).isEqualTo(traffic.produced());
				assertThat(droppedMeters(registry)).isEqualTo(dropped);
				System.out.printf("DatabaseOutageTest (overflows): outage %s, capacity %d, produced %d, rows %d, "
						+ "dropped %s%n", OUTAGE, pipeline.capacity(), traffic.produced(), rows(table), dropped);
			});
	}

	/**
	 * Calls at a steady pace, cuts the database once rows arrive, restores it after the outage.
	 * Every 50th call is made for a user the table refuses (a CHECK constraint), and every 50th
	 * after the 25th for a user id holding U+0000, which PostgreSQL refuses unless it is stripped.
	 */
	private Traffic trafficThroughAnOutage(AssertableApplicationContext context, String table) throws Exception {
		RefusingTable.create(database(), table);
		OpenAIClient client = context.getBean(OpenAIClient.class);
		assertThat(ClientProxies.isObserved(client)).isTrue();
		EventPipeline pipeline = context.getBean(EventPipeline.class);
		AtomicBoolean calling = new AtomicBoolean(true);
		AtomicInteger produced = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger poisoned = new AtomicInteger();
		AtomicInteger withNul = new AtomicInteger();
		AtomicInteger largestBacklog = new AtomicInteger();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
		Thread caller = new Thread(() -> {
			while (calling.get()) {
				int call = produced.get();
				String user = (call % 50 == 0) ? RefusingTable.POISON + "-" + call
						: (call % 50 == 25) ? "nul\u0000user" : "user-" + (call % 7);
				try (TokenSenseContext.Scope scope = TokenSenseContext.userId(user).open()) {
					assertThat(client.chat().completions().create(params).id()).isEqualTo("chatcmpl-o");
					produced.incrementAndGet();
					poisoned.addAndGet((call % 50 == 0) ? 1 : 0);
					withNul.addAndGet((call % 50 == 25) ? 1 : 0);
				}
				catch (Throwable ex) {
					failed.incrementAndGet();
					firstFailure.compareAndSet(null, ex);
				}
				largestBacklog.accumulateAndGet(pipeline.queueSize(), Math::max);
				sleep(PAUSE_BETWEEN_CALLS);
			}
		}, "outage-caller");
		caller.start();
		try {
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> rows(table) > 0);
			forwarder.cut();
			sleep(OUTAGE);
			OutputState duringOutage = pipeline.outputStates().get(0);
			forwarder.restore();
			assertThat(duringOutage.up()).as("the jdbc output noticed the outage").isFalse();
			sleep(Duration.ofSeconds(2));
		}
		finally {
			forwarder.restore();
			calling.set(false);
			caller.join(Duration.ofMinutes(1).toMillis());
		}
		assertThat(firstFailure.get()).as("what a call threw").isNull();
		return new Traffic(produced.get(), failed.get(), largestBacklog.get(), poisoned.get(), withNul.get());
	}

	private static Map<String, Long> droppedMeters(SimpleMeterRegistry registry) {
		return DropReasons.ALL.stream()
			.collect(Collectors.toMap((reason) -> reason,
					(reason) -> (long) registry.get(TokenSenseMeters.EVENTS_DROPPED)
						.tag(TokenSenseMeters.REASON, reason)
						.functionCounter()
						.count()));
	}

	private static TestDatabase database() {
		return TestDatabase.orSkip(database, TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
	}

	private static String forwardedUrl() {
		URI server = URI.create(System.getenv(TestDatabase.POSTGRES_URL).substring("jdbc:".length()));
		String path = server.getRawPath() + ((server.getRawQuery() != null) ? "?" + server.getRawQuery() : "");
		return "jdbc:postgresql://127.0.0.1:" + forwarder.port() + path;
	}

	/**
	 * Batches retried through the outage (some of whose commits landed) add to the hourly totals,
	 * the other roll-ups (per model, per day and user) and the users' running totals once.
	 */
	private static void assertHourlyTotalsCountEachRowOnce(String table) {
		for (String rollup : List.of(TableName.of(table).hourly().qualified(), table + "_hourly_models",
				table + "_daily_users", table + "_users")) {
			assertThat(count("SELECT SUM(calls) FROM " + rollup)).as("calls in %s", rollup).isEqualTo(rows(table));
			assertThat(count("SELECT SUM(input_tokens) FROM " + rollup)).as("input tokens in %s", rollup)
				.isEqualTo(count("SELECT COALESCE(SUM(input_tokens), 0) FROM " + table));
			assertThat(count("SELECT CASE WHEN (SELECT SUM(cost_usd) FROM " + rollup + ") = (SELECT SUM(cost_usd) FROM "
					+ table + ") THEN 1 ELSE 0 END")).as("the same total cost in %s, to the last digit", rollup)
				.isEqualTo(1);
		}
	}

	private static long rows(String table) {
		return count("SELECT COUNT(*) FROM " + table);
	}

	private static long distinctIds(String table) {
		return count("SELECT COUNT(DISTINCT id) FROM " + table);
	}

	private static long count(String sql) {
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getLong(1) : 0;
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState())) {
				// the table appears with the first batch
				return 0;
			}
			throw new IllegalStateException(sql, ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the traffic did.
	 * @param produced calls that returned, one event each
	 * @param failedCalls calls that threw
	 * @param largestBacklog the most events the pipeline held at once
	 * @param poisoned calls for a user the table refuses
	 * @param withNul calls for a user id holding U+0000
	 */
	private record Traffic(int produced, int failedCalls, int largestBacklog, int poisoned, int withNul) {

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return new InMemoryOpenAi(Reply.json(ProviderPayloads.openAiChat("chatcmpl-o", "gpt-4o-mini", 10, 0, 5, 0)))
				.client();
		}

	}

}
