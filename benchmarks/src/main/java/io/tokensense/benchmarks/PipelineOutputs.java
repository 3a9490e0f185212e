package io.tokensense.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.helpers.NOPAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.JdbcOutput;
import io.tokensense.output.LogOutput;
import io.tokensense.output.MicrometerOutput;
import org.slf4j.LoggerFactory;

/**
 * The outputs the pipeline benchmark can write to, by the name used in its {@code output}
 * parameter. A new output is one more name here and in {@link PipelineThroughputBenchmark#output}.
 */
final class PipelineOutputs {

	/** Writes nothing; counts the events. */
	static final String NOOP = "noop";

	/** {@link LogOutput} at INFO into logback's {@link NOPAppender}: JSON and logging, no I/O. */
	static final String LOG_DISCARD = "log-discard";

	/** {@link LogOutput} at INFO into a logback {@link FileAppender} with default settings (flush per line). */
	static final String LOG_FILE = "log-file";

	/** {@link MicrometerOutput} on a {@link SimpleMeterRegistry}. */
	static final String MICROMETER = "micrometer";

	/** {@link JdbcOutput#sqlite} on a temporary file. */
	static final String JDBC_SQLITE = "jdbc-sqlite";

	/** {@link JdbcOutput} on an in-memory H2 database behind a Hikari pool. */
	static final String JDBC_H2 = "jdbc-h2";

	/** {@link JdbcOutput} on PostgreSQL ({@value JdbcTargets#POSTGRES_URL_VARIABLE}) behind a Hikari pool. */
	static final String JDBC_POSTGRESQL = "jdbc-postgresql";

	/** {@link NaiveInsertOutput}: one autocommitted INSERT per event on the same PostgreSQL. */
	static final String NAIVE_INSERT = "naive-insert";

	private PipelineOutputs() {
	}

	static CallEventOutput create(String name) throws IOException {
		return switch (name) {
			case NOOP -> new CountingOutput();
			case LOG_DISCARD -> logOutputInto(new NOPAppender<>());
			case LOG_FILE -> logOutputInto(fileAppender(Files.createTempFile("tokensense-events", ".log")));
			case MICROMETER -> new MicrometerOutput(new SimpleMeterRegistry());
			case JDBC_SQLITE -> JdbcTargets.sqlite();
			case JDBC_H2 -> JdbcTargets.h2();
			case JDBC_POSTGRESQL -> JdbcTargets.postgres();
			case NAIVE_INSERT -> JdbcTargets.naivePostgres();
			default -> throw new IllegalArgumentException("Unknown output " + name);
		};
	}

	/** Whether the output keeps one row per event id, so that every offered event needs an id of its own. */
	static boolean keepsRowsById(String name) {
		return name.startsWith("jdbc-") || name.equals(NAIVE_INSERT);
	}

	/** Puts the events logger back as the benchmark's logback.xml has it: no appender. */
	static void resetLogging() {
		Logger events = eventsLogger();
		for (var appenders = events.iteratorForAppenders(); appenders.hasNext();) {
			Appender<ILoggingEvent> appender = appenders.next();
			if (appender instanceof FileAppender<ILoggingEvent> file) {
				new File(file.getFile()).delete();
			}
		}
		events.detachAndStopAllAppenders();
	}

	private static CallEventOutput logOutputInto(Appender<ILoggingEvent> appender) {
		Logger events = eventsLogger();
		events.detachAndStopAllAppenders();
		events.setAdditive(false);
		events.setLevel(Level.INFO);
		appender.setContext(events.getLoggerContext());
		appender.setName("benchmark");
		appender.start();
		events.addAppender(appender);
		return new LogOutput();
	}

	private static FileAppender<ILoggingEvent> fileAppender(Path file) {
		LoggerContext context = eventsLogger().getLoggerContext();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%d{ISO8601} %level %logger - %msg%n");
		encoder.start();
		FileAppender<ILoggingEvent> appender = new FileAppender<>();
		appender.setFile(file.toString());
		appender.setAppend(false);
		appender.setEncoder(encoder);
		return appender;
	}

	private static Logger eventsLogger() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(LogOutput.LOGGER_NAME);
	}

}
