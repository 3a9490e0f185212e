package io.tokensense.internal.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capacity of a pipeline: events in the queue plus events that outputs hold for a retry.
 * A batch in the worker's hand takes no room, as with a plain bounded queue; a batch an output
 * keeps for a retry takes its room back, even beyond the capacity. When an event is refused
 * for want of room, the worker makes room by giving up the oldest held batch; while nothing is
 * refused, held batches keep their room however full it is.
 */
final class Room {

	private final int capacity;

	private final AtomicInteger used = new AtomicInteger();

	/** Whether an event was refused since the worker last looked: only then is a held batch given up. */
	private volatile boolean wanted;

	Room(int capacity) {
		this.capacity = capacity;
	}

	/** Takes room for one event, unless the capacity is used up. */
	boolean tryTake() {
		int current;
		do {
			current = this.used.get();
			if (current >= this.capacity) {
				// read first: a refused burst writes the shared flag once, not once per event
				if (!this.wanted) {
					this.wanted = true;
				}
				return false;
			}
		}
		while (!this.used.compareAndSet(current, current + 1));
		return true;
	}

	/** Takes room for events an output holds for a retry, whether or not it fits. */
	void hold(int events) {
		this.used.addAndGet(events);
	}

	void release(int events) {
		this.used.addAndGet(-events);
	}

	/**
	 * Whether an event was refused for want of room since the last call, which forgets it:
	 * a full capacity alone is no reason to give up a held batch, a refused event is.
	 */
	boolean takeWanted() {
		if (!this.wanted) {
			return false;
		}
		this.wanted = false;
		return true;
	}

	boolean isFull() {
		return this.used.get() >= this.capacity;
	}

	/** Events queued or held now. */
	int used() {
		return this.used.get();
	}

}
