package io.tokensense.output;

import java.util.List;

import io.tokensense.CallEvent;

/**
 * Somewhere events are written: logs, a table, a metrics registry, or a bean of your own.
 * One worker thread calls {@link #write} with batches in the order the calls ended; a
 * thrown exception marks the batch as failed for this output only (the other outputs and
 * the calls themselves never notice).
 */
public interface CallEventOutput {

	/**
	 * Writes a batch of events.
	 * @param batch the events, oldest first; never empty
	 * @throws Exception when the batch could not be written
	 */
	void write(List<CallEvent> batch) throws Exception;

	/** Releases what the output holds; called once when its pipeline stops. */
	default void close() {
	}

	/** A short name for logs and health, e.g. {@code log} or {@code jdbc}. */
	default String name() {
		return getClass().getSimpleName();
	}

}
