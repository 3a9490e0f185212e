package io.tokensense.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.tokensense.output.CallEventOutput;
import org.jspecify.annotations.Nullable;

/** Checks what {@link EventPipeline} is built from, with messages that name the setting. */
final class PipelineArguments {

	private PipelineArguments() {
	}

	static void validate(@Nullable List<? extends CallEventOutput> outputs, int capacity, int batchSize,
			@Nullable Duration flushInterval, @Nullable String threadName, @Nullable RetryPolicy retryPolicy) {
		if (outputs == null || outputs.isEmpty()) {
			throw new IllegalArgumentException("At least one output is required");
		}
		// List.of(...).contains(null) would throw rather than answer
		if (outputs.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("Outputs must not contain null");
		}
		if (capacity < 1) {
			throw new IllegalArgumentException("Queue capacity must be at least 1, was " + capacity);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("Batch size must be at least 1, was " + batchSize);
		}
		requireNotNegative(flushInterval, "Flush interval");
		if (threadName == null || threadName.isBlank()) {
			throw new IllegalArgumentException("Thread name must not be empty");
		}
		if (retryPolicy == null) {
			throw new IllegalArgumentException("Retry policy must not be null");
		}
	}

	static void requireNotNegative(@Nullable Duration duration, String what) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException(what + " must not be null or negative, was " + duration);
		}
	}

}
