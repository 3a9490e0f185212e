package io.tokensense.internal.pipeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How one output of a pipeline is doing, for health reporting.
 *
 * @param name the output's {@link io.tokensense.output.CallEventOutput#name() name}
 * @param up whether its last write succeeded (an output that has not written yet is up)
 * @param lastErrorType the class name of the last exception it threw, kept after it recovers
 * @param lastErrorTime when it last threw
 */
public record OutputState(String name, boolean up, @Nullable String lastErrorType, @Nullable Instant lastErrorTime) {

	static OutputState initial(String name) {
		return new OutputState(name, true, null, null);
	}

	OutputState recovered() {
		return this.up ? this : new OutputState(this.name, true, this.lastErrorType, this.lastErrorTime);
	}

	OutputState failed(String errorType, Instant time) {
		return new OutputState(this.name, false, errorType, time);
	}

}
