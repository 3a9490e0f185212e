package io.tokensense.internal.pipeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a pipeline's worker thread is doing, for health reporting. It is down after a failure of
 * its own (an {@link Error} outside the outputs, such as running out of memory) until it has
 * gone round once more, or while its thread is gone and not yet replaced.
 *
 * @param up whether it is working
 * @param lastErrorType the class name of its last failure, kept after it recovers
 * @param lastErrorTime when it last failed
 */
public record WorkerState(boolean up, @Nullable String lastErrorType, @Nullable Instant lastErrorTime) {

	static final WorkerState UP = new WorkerState(true, null, null);

	WorkerState recovered() {
		return new WorkerState(true, this.lastErrorType, this.lastErrorTime);
	}

	WorkerState failed(String errorType, Instant time) {
		return new WorkerState(false, errorType, time);
	}

	WorkerState gone() {
		return new WorkerState(false, (this.lastErrorType != null) ? this.lastErrorType : "worker thread ended",
				(this.lastErrorTime != null) ? this.lastErrorTime : Instant.now());
	}

}
