package io.tokensense.capture;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tokensense.output.CallEventOutput;
import io.tokensense.output.CompositeOutput;
import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.JdbcOutput;
import io.tokensense.output.LogOutput;
import io.tokensense.output.jdbc.SqliteDataSource;
import io.tokensense.pipeline.EventPipeline;

/**
 * Pipelines for clients observed outside a Spring application: one worker per output,
 * flushed by a JVM shutdown hook.
 */
final class PlainPipelines {

	static final int CAPACITY = 10_000;

	static final int BATCH_SIZE = 500;

	static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

	static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/** Where the plain-Java default keeps its rows, relative to the working directory. */
	static final String SQLITE_FILE = "./tokensense.db";

	private PlainPipelines() {
	}

	static EventSink sinkFor(CallEventOutput output) {
		// the parts of a composite are retried one by one: a database hiccup must not reprint console lines
		List<CallEventOutput> outputs = (output instanceof CompositeOutput composite) ? composite.outputs()
				: List.of(output);
		EventPipeline pipeline = new EventPipeline(outputs, CAPACITY, BATCH_SIZE, FLUSH_INTERVAL,
				"tokensense-" + output.name());
		try {
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> pipeline.close(SHUTDOWN_TIMEOUT), "tokensense-flush-" + output.name()));
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: a pipeline started now could never be flushed
			pipeline.close(Duration.ZERO);
			return (event, onWritten) -> pipeline.offer(event, onWritten);
		}
		pipeline.start();
		return (event, onWritten) -> pipeline.offer(event, onWritten);
	}

	/**
	 * The original TokenSense's default: JSON log lines in production; elsewhere the console,
	 * plus a row per call in {@value #SQLITE_FILE} when the SQLite driver is on the class path.
	 * The file is only created by the first call written.
	 */
	static CallEventOutput defaultOutput() {
		return defaultOutput(System.getenv(), SqliteDataSource.isDriverPresent());
	}

	static CallEventOutput defaultOutput(Map<String, String> environment, boolean sqlitePresent) {
		for (String name : List.of("ENV", "ENVIRONMENT", "APP_ENV")) {
			String value = environment.get(name);
			if (value != null && value.trim().toLowerCase(Locale.ROOT).equals("production")) {
				return new LogOutput();
			}
		}
		return sqlitePresent ? CompositeOutput.of(new ConsoleOutput(), JdbcOutput.sqlite(SQLITE_FILE))
				: new ConsoleOutput();
	}

}
