package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.tokensense.output.CallEventOutput;
import org.jspecify.annotations.Nullable;

/**
 * Checks what {@link EventPipeline} is built from besides its {@link PipelineSettings}, which
 * check themselves.
 */
final class PipelineArguments {

	private PipelineArguments() {
	}

	static void validate(@Nullable List<? extends CallEventOutput> outputs, @Nullable PipelineSettings settings,
			@Nullable String threadName, @Nullable RetryPolicy retryPolicy) {
		if (outputs == null || outputs.isEmpty()) {
			throw new IllegalArgumentException("At least one output is required");
		}
		// List.of(...).contains(null) would throw rather than answer
		if (outputs.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("Outputs must not contain null");
		}
		if (settings == null) {
			throw new IllegalArgumentException("Settings must not be null");
		}
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
