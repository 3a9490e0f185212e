package io.tokensense.capture;

import java.time.Instant;

import io.tokensense.Attribution;
import io.tokensense.TokenSenseContext;
import org.jspecify.annotations.Nullable;

/**
 * A call between its start and its end. Created on the caller's thread, which is why it
 * captures the thread's {@link TokenSenseContext}: an async call may end on another thread.
 *
 * @param client the observed client
 * @param operation the billed operation
 * @param params the request, read only once the call ended
 * @param timestamp when the call started
 * @param startNanos {@link System#nanoTime()} at the start
 * @param scope the caller's context when the call started
 * @param streamed whether the call streams its response
 */
record InFlightCall(ObservedClient client, String operation, @Nullable Object params, Instant timestamp,
		long startNanos, Attribution scope, boolean streamed) {

	static InFlightCall start(ObservedClient client, String operation, @Nullable Object @Nullable [] args,
			boolean streamed) {
		Object params = (args != null && args.length > 0) ? args[0] : null;
		return new InFlightCall(client, operation, params, Instant.now(), System.nanoTime(),
				TokenSenseContext.current(), streamed);
	}

}
