package io.tokensense.output;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.JdbcWriteException;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import io.tokensense.testsupport.RefusingTable;
import io.tokensense.testsupport.TableRows;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rows a database refuses, checked on each database by a subclass: text with U+0000 is
 * stored without it, a refused row is isolated and reported while the rest of its batch is
 * written, nothing thrown or logged quotes a bound value, and instances creating the table at
 * once all succeed.
 */
abstract class JdbcOutputRefusalTest {

	private static final String SECRET = "secret-user-42";

	private String table;

	abstract TestDatabase database();

	@BeforeEach
	void chooseTable() {
		this.table = database().uniqueTable();
	}

	@Test
	void storesTextWithoutNulCharacters() throws Exception {
		CallEvent event = with(JdbcTestEvents.fullEvent(), "ali\u0000ce", List.of("be\u0000ta", "x"));
		CallEvent nul = new CallEvent(event.id(), event.timestamp(), event.provider(), event.operation(),
				event.requestModel(), "model\u0000", event.inputTokens(), event.outputTokens(), event.cacheReadTokens(),
				event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens(), event.costUsd(),
				event.pricingStatus(), event.latency(), event.timeToFirstToken(), event.streamed(), event.status(),
				"4\u000029", event.userId(), "s\u0000-1", event.tags(), "msg_\u0000", "pro\u0000mpt", "\u0000re\u0000",
				"prio\u0000rity");
		output(true).write(List.of(nul));

		assertThat(TableRows.read(database(), this.table)).singleElement().satisfies((row) -> {
			assertThat(row.userId()).isEqualTo("alice");
			assertThat(row.sessionId()).isEqualTo("s-1");
			assertThat(row.tags()).containsExactly("beta", "x");
			assertThat(row.responseModel()).isEqualTo("model");
			assertThat(row.errorType()).isEqualTo("429");
			assertThat(row.requestId()).isEqualTo("msg_");
			assertThat(row.prompt()).isEqualTo("prompt");
			assertThat(row.response()).isEqualTo("re");
			assertThat(row.serviceTier()).isEqualTo("priority");
		});
	}

	@Test
	void writesTheRowsTheDatabaseAcceptsAndReportsTheOthersAsRejected() throws Exception {
		RefusingTable.create(database(), this.table);
		List<CallEvent> events = new ArrayList<>(JdbcTestEvents.events(40));
		Set<UUID> poisoned = new HashSet<>();
		for (int index : new int[] { 7, 8, 23 }) {
			events.set(index, with(events.get(index), RefusingTable.POISON + "-" + SECRET, List.of("batch")));
			poisoned.add(events.get(index).id());
		}

		EventsRejectedException rejection = catchThrowableOfType(EventsRejectedException.class,
				() -> output(true).write(events));

		assertThat(rejection).as("what the output threw").isNotNull();
		assertThat(rejection.rejected()).extracting(CallEvent::id).containsExactlyInAnyOrderElementsOf(poisoned);
		assertThat(rejection.getMessage()).contains("SQLState").doesNotContain(SECRET);
		assertThat(TableRows.read(database(), this.table)).extracting(CallEvent::id)
			.containsExactlyInAnyOrderElementsOf(events.stream().map(CallEvent::id).filter((id) -> !poisoned.contains(id))
				.toList());
	}

	@Test
	void whatItThrowsNeverQuotesTheBoundValues() {
		CallEvent event = with(JdbcTestEvents.fullEvent(), SECRET, List.of(SECRET));
		JdbcOutput output = output(false);

		JdbcWriteException failure = catchThrowableOfType(JdbcWriteException.class,
				() -> output.write(List.of(event)));

		assertThat((Throwable) failure).as("what the output threw for a missing table").isNotNull();
		assertThat(failure.isPermanent()).isFalse();
		assertThat(failure.getMessage()).contains("SQLState");
		assertThat(texts(failure)).noneMatch((text) -> text.contains(SECRET));
	}

	@Test
	void neitherRejectedNorFailedBatchesPutBoundValuesInTheLog() throws Exception {
		RefusingTable.create(database(), this.table);
		Logger logger = (Logger) LoggerFactory.getLogger(EventPipeline.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		try {
			List<CallEvent> events = new ArrayList<>(JdbcTestEvents.events(20));
			events.set(10, with(events.get(10), RefusingTable.POISON + "-" + SECRET, List.of(SECRET)));
			EventPipeline pipeline = new EventPipeline(List.of(output(true)),
					PipelineSettings.of(100, 50, Duration.ofMillis(10)),
					"refusal");
			events.forEach((event) -> pipeline.offer(event, null));
			pipeline.close(Duration.ofSeconds(30));
			EventPipeline missingTable = new EventPipeline(List.of(output(false, database().uniqueTable())),
					PipelineSettings.of(100, 50, Duration.ofMillis(10)),
					"refusal");
			missingTable.offer(with(JdbcTestEvents.fullEvent(), SECRET, List.of(SECRET)), null);
			missingTable.close(Duration.ofSeconds(30));

			assertThat(pipeline.written()).isEqualTo(19);
			assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.REJECTED, 1L);
			assertThat(missingTable.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 1L);
			assertThat(log.list).as("warnings").hasSizeGreaterThanOrEqualTo(2);
			assertThat(log.list).allSatisfy((line) -> assertThat(texts(line)).noneMatch((text) -> text.contains(SECRET)));
			assertThat(log.list).anySatisfy((line) -> assertThat(line.getFormattedMessage()).contains("SQLState")
				.contains(DropReasons.REJECTED));
		}
		finally {
			logger.detachAppender(log);
		}
	}

	@Test
	void instancesCreatingTheTableAtOnceAllSucceed() throws Exception {
		Assumptions.assumeFalse(database().dialect() == JdbcDialect.SQLITE, "one SQLite file has one writer");
		int writers = 4;
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		try {
			for (int round = 0; round < 10; round++) {
				String fresh = database().uniqueTable();
				CyclicBarrier start = new CyclicBarrier(writers);
				List<Future<?>> done = new ArrayList<>();
				for (int i = 0; i < writers; i++) {
					JdbcOutput output = output(true, fresh);
					done.add(executor.submit(() -> {
						start.await();
						try {
							output.write(JdbcTestEvents.events(5).stream().map((e) -> with(e, e.userId(), e.tags())).toList());
						}
						catch (Exception ex) {
							failures.add(ex);
						}
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
				assertThat(count(fresh)).isEqualTo(writers * 5L);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(failures).as("first writes that failed").isEmpty();
	}

	JdbcOutput output(boolean initializeSchema) {
		return output(initializeSchema, this.table);
	}

	JdbcOutput output(boolean initializeSchema, String table) {
		return JdbcOutput.builder(database().dataSource()).table(table).initializeSchema(initializeSchema).build();
	}

	String table() {
		return this.table;
	}

	long count(String table) throws SQLException {
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The event with a new id, user and tags. */
	static CallEvent with(CallEvent event, String userId, List<String> tags) {
		return new CallEvent(UUID.randomUUID(), event.timestamp(), event.provider(), event.operation(),
				event.requestModel(), event.responseModel(), event.inputTokens(), event.outputTokens(),
				event.cacheReadTokens(), event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens(),
				event.costUsd(), event.pricingStatus(), event.latency(), event.timeToFirstToken(), event.streamed(),
				event.status(), event.errorType(), userId, event.sessionId(), tags, event.requestId(), event.prompt(),
				event.response(), event.serviceTier());
	}

	/** Every message of a throwable: its causes, suppressed and next exceptions included. */
	private static List<String> texts(Throwable failure) {
		List<String> texts = new ArrayList<>();
		List<Throwable> todo = new ArrayList<>(List.of(failure));
		Set<Throwable> seen = new HashSet<>();
		while (!todo.isEmpty()) {
			Throwable next = todo.remove(0);
			if (next == null || !seen.add(next)) {
				continue;
			}
			texts.add(String.valueOf(next));
			todo.add(next.getCause());
			todo.addAll(List.of(next.getSuppressed()));
			if (next instanceof SQLException sql) {
				todo.add(sql.getNextException());
			}
		}
		return texts;
	}

	private static List<String> texts(ILoggingEvent line) {
		List<String> texts = new ArrayList<>(List.of(line.getFormattedMessage()));
		List<IThrowableProxy> todo = new ArrayList<>();
		todo.add(line.getThrowableProxy());
		while (!todo.isEmpty()) {
			IThrowableProxy next = todo.remove(0);
			if (next == null) {
				continue;
			}
			texts.add(next.getClassName() + ": " + next.getMessage());
			todo.add(next.getCause());
			todo.addAll(List.of(next.getSuppressed()));
		}
		return texts;
	}

}
