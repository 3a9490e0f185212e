package io.tokensense.capture;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tokensense.output.CallEventOutput;
import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.LogOutput;
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

	private PlainPipelines() {
	}

	static EventSink sinkFor(CallEventOutput output) {
		EventPipeline pipeline = new EventPipeline(List.of(output), CAPACITY, BATCH_SIZE, FLUSH_INTERVAL,
				"tokensense-" + output.name());
		pipeline.start();
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> pipeline.close(SHUTDOWN_TIMEOUT), "tokensense-flush-" + output.name()));
		return (event, onWritten) -> pipeline.offer(event, onWritten);
	}

	/**
	 * The original TokenSense's default: JSON log lines in production, the console elsewhere.
	 */
	static CallEventOutput defaultOutput() {
		return defaultOutput(System.getenv());
	}

	static CallEventOutput defaultOutput(Map<String, String> environment) {
		for (String name : List.of("ENV", "ENVIRONMENT", "APP_ENV")) {
			String value = environment.get(name);
			if (value != null && value.trim().toLowerCase(Locale.ROOT).equals("production")) {
				return new LogOutput();
			}
		}
		return new ConsoleOutput();
	}

}
