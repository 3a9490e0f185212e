package io.tokensense.internal.recording;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tokensense.output.CallEventOutput;
import io.tokensense.output.CompositeOutput;
import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.JdbcOutput;
import io.tokensense.output.LogOutput;
import io.tokensense.internal.jdbc.SqliteDataSource;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import org.jspecify.annotations.Nullable;

/**
 * Pipelines for clients observed outside a Spring application. Each output given to
 * {@code observe} gets one pipeline, shared by every client observed with it, for as long as
 * one of them is reachable: when the last is collected, the pipeline writes what it holds and
 * its worker ends, so threads are bounded by the outputs in use, not by the {@code observe}
 * calls ever made. A worker starts with the first event, not with {@code observe}. Releasing a
 * pipeline does not close its output, which the application may hand to {@code observe} again;
 * one JVM shutdown hook flushes whatever is still open and closes the outputs still in use.
 */
final class PlainPipelines {

	/** The defaults of the {@code tokensense.queue.*} properties, which plain Java has not. */
	private static final PipelineSettings SETTINGS = PipelineSettings.DEFAULTS;

	private static final Duration SHUTDOWN_TIMEOUT = SETTINGS.shutdownTimeout();

	/** Where the plain-Java default keeps its rows, relative to the working directory. */
	static final String SQLITE_FILE = "./tokensense.db";

	private static final Object lock = new Object();

	/** The pipelines of outputs given to {@code observe}, by identity: outputs need not define equality. */
	private static final Map<CallEventOutput, Shared> shared = new IdentityHashMap<>();

	private static final List<EventPipeline> permanent = new ArrayList<>();

	private static @Nullable Cleaner cleaner;

	private static boolean shutdownHookAdded;

	private static boolean shuttingDown;

	private PlainPipelines() {
	}

	/** A lease on the pipeline of an output; the pipeline closes once no lease is reachable. */
	static Lease lease(CallEventOutput output) {
		synchronized (lock) {
			Shared pipeline = shared.get(output);
			if (pipeline == null) {
				pipeline = new Shared(newPipeline(keptOpen(output), output.name()));
				shared.put(output, pipeline);
			}
			pipeline.leases++;
			Lease lease = new Lease(pipeline.pipeline::offer);
			Shared released = pipeline;
			cleaner().register(lease, () -> release(output, released));
			return lease;
		}
	}

	/** The sink of a pipeline that lives as long as the JVM (the plain-Java default's). */
	static EventSink permanentSink(CallEventOutput output) {
		synchronized (lock) {
			EventPipeline pipeline = newPipeline(output);
			permanent.add(pipeline);
			return pipeline::offer;
		}
	}

	/** How many pipelines of outputs given to {@code observe} are open. */
	static int openPipelines() {
		synchronized (lock) {
			return shared.size();
		}
	}

	private static void release(CallEventOutput output, Shared pipeline) {
		synchronized (lock) {
			if (--pipeline.leases > 0 || shared.get(output) != pipeline) {
				return;
			}
			shared.remove(output);
		}
		pipeline.pipeline.close(SHUTDOWN_TIMEOUT);
	}

	/** The parts of an output, each left open when its pipeline closes. */
	private static List<CallEventOutput> keptOpen(CallEventOutput output) {
		return partsOf(output).stream().<CallEventOutput>map(KeptOpen::new).toList();
	}

	private static List<CallEventOutput> partsOf(CallEventOutput output) {
		// the parts of a composite are retried one by one: a database hiccup must not reprint console lines
		return (output instanceof CompositeOutput composite) ? composite.outputs() : List.of(output);
	}

	private static EventPipeline newPipeline(CallEventOutput output) {
		return newPipeline(partsOf(output), output.name());
	}

	private static EventPipeline newPipeline(List<CallEventOutput> outputs, String name) {
		EventPipeline pipeline = new EventPipeline(outputs, SETTINGS, "tokensense-" + name);
		if (!addShutdownHook()) {
			// the JVM is shutting down: a pipeline started now could never be flushed
			pipeline.close(Duration.ZERO);
		}
		return pipeline;
	}

	private static boolean addShutdownHook() {
		if (shuttingDown) {
			return false;
		}
		if (!shutdownHookAdded) {
			try {
				Runtime.getRuntime().addShutdownHook(new Thread(PlainPipelines::closeAll, "tokensense-flush"));
			}
			catch (IllegalStateException ex) {
				shuttingDown = true;
				return false;
			}
			shutdownHookAdded = true;
		}
		return true;
	}

	/** Flushes every open pipeline at once, each within the shutdown timeout. */
	private static void closeAll() {
		List<EventPipeline> open = new ArrayList<>();
		List<CallEventOutput> outputs;
		synchronized (lock) {
			shuttingDown = true;
			open.addAll(permanent);
			shared.values().forEach((pipeline) -> open.add(pipeline.pipeline));
			outputs = new ArrayList<>(shared.keySet());
		}
		List<Thread> closing = new ArrayList<>(open.size());
		for (EventPipeline pipeline : open) {
			Thread thread = new Thread(() -> pipeline.close(SHUTDOWN_TIMEOUT), "tokensense-flush-pipeline");
			thread.start();
			closing.add(thread);
		}
		long deadline = System.nanoTime() + SHUTDOWN_TIMEOUT.toNanos() + Duration.ofSeconds(1).toNanos();
		for (Thread thread : closing) {
			try {
				thread.join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		for (CallEventOutput output : outputs) {
			partsOf(output).forEach(PlainPipelines::closeQuietly);
		}
	}

	private static void closeQuietly(CallEventOutput output) {
		try {
			output.close();
		}
		catch (RuntimeException | LinkageError ex) {
			// the JVM is going down: nothing more to do about it
		}
	}

	private static Cleaner cleaner() {
		if (cleaner == null) {
			cleaner = Cleaner.create((task) -> {
				Thread thread = new Thread(task, "tokensense-release");
				thread.setDaemon(true);
				return thread;
			});
		}
		return cleaner;
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

	/** An output whose pipeline may close and give way to a new one: its {@code close()} waits for the JVM's end. */
	private record KeptOpen(CallEventOutput output) implements CallEventOutput {

		@Override
		public void write(List<io.tokensense.CallEvent> batch) throws Exception {
			this.output.write(batch);
		}

		@Override
		public String name() {
			return this.output.name();
		}

	}

	/** One output's pipeline and how many leases hold it. */
	private static final class Shared {

		final EventPipeline pipeline;

		int leases;

		Shared(EventPipeline pipeline) {
			this.pipeline = pipeline;
		}

	}

	/**
	 * Held by the clients observed with one output (through their recorder supplier): the sink
	 * of the output's pipeline, and the recorder last built over a base recorder, reused while
	 * the base stays the same.
	 */
	static final class Lease {

		private final EventSink sink;

		private volatile @Nullable Built built;

		Lease(EventSink sink) {
			this.sink = sink;
		}

		Recorder over(Recorder base) {
			Built current = this.built;
			if (current != null && current.base() == base) {
				return current.recorder();
			}
			Recorder recorder = base.withSink(this.sink);
			this.built = new Built(base, recorder);
			return recorder;
		}

		private record Built(Recorder base, Recorder recorder) {
		}

	}

}
