package io.tokensense.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.tokensense.CallEvent;

/**
 * A batch taken from the queue that some outputs have not finished with yet. Only the worker
 * thread touches it; it is done once every output has written it or given up on it.
 */
final class PendingBatch {

	private final List<QueuedEvent> queued;

	private final List<CallEvent> events;

	private int outputsLeft;

	private boolean allWritten = true;

	private boolean held;

	PendingBatch(List<QueuedEvent> queued, int outputs) {
		this.queued = queued;
		List<CallEvent> events = new ArrayList<>(queued.size());
		queued.forEach((event) -> events.add(event.event()));
		this.events = List.copyOf(events);
		this.outputsLeft = outputs;
	}

	List<CallEvent> events() {
		return this.events;
	}

	List<QueuedEvent> queued() {
		return this.queued;
	}

	int size() {
		return this.events.size();
	}

	/**
	 * Records that one output is done with the batch.
	 * @param written whether it wrote the batch rather than gave up
	 * @return whether every output is done now
	 */
	boolean outputDone(boolean written) {
		this.allWritten &= written;
		return --this.outputsLeft == 0;
	}

	boolean isDone() {
		return this.outputsLeft == 0;
	}

	/** Marks the batch as kept by outputs for a retry, so it counts as waiting. */
	void hold() {
		this.held = true;
	}

	boolean isHeld() {
		return this.held;
	}

	boolean allWritten() {
		return this.allWritten;
	}

}
