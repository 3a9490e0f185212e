package io.tokensense.autoconfigure;

import java.time.Duration;

/**
 * Refuses queue settings that cannot work, naming the property and the reason, so a typo
 * fails startup instead of silently losing events.
 */
final class QueueSettings {

	private QueueSettings() {
	}

	static void validate(TokenSenseProperties.Queue queue, Duration shutdownTimeout) {
		require(queue.getCapacity() > 0, "tokensense.queue.capacity", queue.getCapacity(),
				"must be greater than 0 (it bounds the events waiting to be written)");
		require(queue.getBatchSize() > 0, "tokensense.queue.batch-size", queue.getBatchSize(),
				"must be greater than 0");
		require(queue.getBatchSize() <= queue.getCapacity(), "tokensense.queue.batch-size", queue.getBatchSize(),
				"must not exceed tokensense.queue.capacity (" + queue.getCapacity() + ")");
		require(isPositive(queue.getFlushInterval()), "tokensense.queue.flush-interval", queue.getFlushInterval(),
				"must be a positive duration");
		require(!shutdownTimeout.isNegative(), "tokensense.shutdown-timeout", shutdownTimeout,
				"must not be negative");
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static void require(boolean valid, String property, Object value, String reason) {
		if (!valid) {
			throw new IllegalStateException(property + " " + reason + ", was " + value);
		}
	}

}
