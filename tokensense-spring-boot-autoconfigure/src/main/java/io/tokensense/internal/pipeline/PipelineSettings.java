package io.tokensense.internal.pipeline;

import java.time.Duration;

/**
 * How a pipeline queues, batches and closes: the one place for the defaults and the rules,
 * used by the {@code tokensense.queue.*} and {@code tokensense.shutdown-timeout} properties,
 * by the pipelines of plain-Java clients and by {@link EventPipeline} itself. A settings
 * object that exists is valid: the constructor refuses values that cannot work, naming the
 * property and the reason, so a typo fails startup instead of silently losing events.
 *
 * @param capacity how many events may wait, queued or held by a failing output for a retry
 * @param batchSize the most events handed to an output at once; at most the capacity, since a
 * larger batch could never fill
 * @param flushInterval the longest a batch waits to fill up; zero writes whatever is queued as
 * soon as the worker wakes (it still waits for the first event, so it does not spin)
 * @param shutdownTimeout how long closing waits for queued events to be written
 */
public record PipelineSettings(int capacity, int batchSize, Duration flushInterval, Duration shutdownTimeout) {

	/** Default of {@code tokensense.queue.capacity}. */
	public static final int DEFAULT_CAPACITY = 10_000;

	/** Default of {@code tokensense.queue.batch-size}. */
	public static final int DEFAULT_BATCH_SIZE = 500;

	/** Default of {@code tokensense.queue.flush-interval}. */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

	/** Default of {@code tokensense.shutdown-timeout}. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/** Every setting at its default. */
	public static final PipelineSettings DEFAULTS = new PipelineSettings(DEFAULT_CAPACITY, DEFAULT_BATCH_SIZE,
			DEFAULT_FLUSH_INTERVAL, DEFAULT_SHUTDOWN_TIMEOUT);

	/**
	 * Checks every setting.
	 * @throws IllegalArgumentException naming the property of the first setting that cannot work
	 */
	public PipelineSettings {
		require(capacity > 0, "tokensense.queue.capacity", capacity,
				"must be greater than 0 (it bounds the events waiting to be written)");
		require(batchSize > 0, "tokensense.queue.batch-size", batchSize, "must be greater than 0");
		require(batchSize <= capacity, "tokensense.queue.batch-size", batchSize,
				"must not exceed tokensense.queue.capacity (" + capacity + ")");
		require(flushInterval != null && !flushInterval.isNegative(), "tokensense.queue.flush-interval",
				flushInterval, "must be set and not negative");
		require(shutdownTimeout != null && !shutdownTimeout.isNegative(), "tokensense.shutdown-timeout",
				shutdownTimeout, "must be set and not negative");
	}

	/**
	 * Queue settings with the default shutdown timeout.
	 * @param capacity how many events may wait
	 * @param batchSize the most events handed to an output at once
	 * @param flushInterval the longest a batch waits to fill up
	 * @return the settings
	 * @throws IllegalArgumentException when a setting cannot work
	 */
	public static PipelineSettings of(int capacity, int batchSize, Duration flushInterval) {
		return new PipelineSettings(capacity, batchSize, flushInterval, DEFAULT_SHUTDOWN_TIMEOUT);
	}

	private static void require(boolean valid, String property, Object value, String reason) {
		if (!valid) {
			throw new IllegalArgumentException(property + " " + reason + ", was " + value);
		}
	}

}
