package io.tokensense.internal.pipeline;

import java.util.List;

/**
 * Why an event was not written: the keys of {@link EventPipeline#droppedByReason()} and the
 * {@code reason} tag values of the {@code tokensense.events.dropped} meter.
 */
public final class DropReasons {

	/** The queue was full when the call ended: the outputs are slower than the calls, or down. */
	public static final String QUEUE_FULL = "queue_full";

	/** The event arrived after the pipeline started closing. */
	public static final String CLOSED = "closed";

	/** The event was still queued when the shutdown timeout ran out. */
	public static final String SHUTDOWN_TIMEOUT = "shutdown_timeout";

	/**
	 * An output gave up on the event's batch: it was the oldest batch held for a retry when
	 * the queue was full, or the output was still failing while the pipeline closed. Counted
	 * once per event, when every output is done with it, even when several outputs failed; an
	 * event some outputs wrote and others gave up counts here, not as written.
	 */
	public static final String OUTPUT_FAILED = "output_failed";

	/**
	 * An output refused the event for good: it wrote the rest of the event's batch and threw
	 * {@link io.tokensense.output.EventsRejectedException} naming this event (for the jdbc
	 * output, a row the database refuses: a constraint, a value it cannot store). Never
	 * retried. Counted once per event, like {@link #OUTPUT_FAILED}, and before it: an event
	 * one output rejected and another gave up counts here.
	 */
	public static final String REJECTED = "rejected";

	/** Every reason, in a stable order. */
	public static final List<String> ALL = List.of(QUEUE_FULL, CLOSED, SHUTDOWN_TIMEOUT, OUTPUT_FAILED, REJECTED);

	private DropReasons() {
	}

}
