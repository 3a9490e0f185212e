package io.tokensense.internal.pipeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tokensense.CallEvent;

/**
 * A batch taken from the queue that some outputs have not finished with yet. Only the worker
 * thread touches it; it is done once every output has written it or given up on it. Events
 * an output refused for good are marked one by one: they are never written, whatever the
 * other outputs did.
 */
final class PendingBatch {

	private final List<QueuedEvent> queued;

	private final List<CallEvent> events;

	private final BitSet rejected = new BitSet();

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
	 * Marks events of this batch as refused for good by an output; events it does not hold
	 * are ignored (matched by id, as an output may hand back copies).
	 * @return how many of them were in the batch
	 */
	int reject(List<CallEvent> refused) {
		Map<UUID, Integer> indexes = new HashMap<>();
		for (int i = 0; i < this.events.size(); i++) {
			indexes.put(this.events.get(i).id(), i);
		}
		int found = 0;
		for (CallEvent event : refused) {
			Integer index = (event != null) ? indexes.get(event.id()) : null;
			if (index != null) {
				this.rejected.set(index);
				found++;
			}
		}
		return found;
	}

	int rejectedCount() {
		return this.rejected.cardinality();
	}

	boolean isRejected(int index) {
		return this.rejected.get(index);
	}

	/**
	 * Records that one output is done with the batch.
	 * @param written whether it wrote the batch (bar the events it rejected) rather than gave up
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
