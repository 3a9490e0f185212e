package io.tokensense.internal.pipeline;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Tells the worker when there is work, at most once per wait. Waking a parked thread costs a
 * system call, far more than queueing an event, so a producer wakes the worker only when the
 * queue reaches the size the worker waits for: one event while it is idle, a full batch while
 * it lets a batch fill up. Otherwise the worker sleeps until its flush deadline.
 *
 * <p>The worker announces the size, checks the queue once more, then parks; a producer queues,
 * then reads the size announced. Either the worker sees the event or the producer sees the
 * announcement, so no wake-up is lost.
 */
final class WorkerSignal {

	private static final int NOT_WAITING = Integer.MAX_VALUE;

	private final BlockingQueue<?> queue;

	private final AtomicInteger wakeAt = new AtomicInteger(NOT_WAITING);

	private volatile @Nullable Thread worker;

	WorkerSignal(BlockingQueue<?> queue) {
		this.queue = queue;
	}

	/** Called by a producer after it queued an event. */
	void queued() {
		int size = this.wakeAt.get();
		if (size != NOT_WAITING && this.queue.size() >= size && this.wakeAt.compareAndSet(size, NOT_WAITING)) {
			LockSupport.unpark(this.worker);
		}
	}

	/** Wakes the worker whatever it waits for, e.g. to close. */
	void wake() {
		this.wakeAt.set(NOT_WAITING);
		LockSupport.unpark(this.worker);
	}

	/**
	 * Parks the calling worker until the queue holds {@code size} events, {@code nanos} pass,
	 * or {@link #wake()} is called; returns at once when the queue holds them already.
	 */
	void await(int size, long nanos, ShutdownSignal shutdown) {
		this.worker = Thread.currentThread();
		this.wakeAt.set(size);
		if (this.queue.size() < size && !shutdown.isClosing()) {
			LockSupport.parkNanos(this, nanos);
		}
		this.wakeAt.set(NOT_WAITING);
		// close() goes through the shutdown signal; a pending interrupt would only make every park return at once
		Thread.interrupted();
	}

}
