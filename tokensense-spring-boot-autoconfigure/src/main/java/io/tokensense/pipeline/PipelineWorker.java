package io.tokensense.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a pipeline's worker thread: takes up to a batch of events from the queue,
 * waiting at most the flush interval for it to fill, and hands it to every output; retries
 * the batches a failing output holds when their pause is over. A held batch takes its room
 * in the capacity back until every output is done with it; when the capacity is full and
 * outputs hold batches, the oldest of them is given up ({@link DropReasons#OUTPUT_FAILED}) so
 * that the healthy outputs keep receiving new events. Once closing, it stops waiting and
 * drains the queue; it closes the outputs on its way out.
 */
final class PipelineWorker implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(EventPipeline.class);

	/** How long an idle worker sleeps before it looks at the shutdown signal again. */
	private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final BlockingQueue<QueuedEvent> queue;

	private final WorkerSignal signal;

	private final Room room;

	private final List<OutputChannel> channels;

	private final PipelineCounters counters;

	private final ShutdownSignal shutdown;

	private final int batchSize;

	private final long flushIntervalNanos;

	private final OutputChannel.Completion completion = this::outputDone;

	private final RateLimitedLogger callbackFailureLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	private final RateLimitedLogger givenUpLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	/**
	 * @param batchSize the largest batch, which is also how many queued events make a batch
	 * worth waking up for (so never more than the capacity)
	 */
	PipelineWorker(BlockingQueue<QueuedEvent> queue, WorkerSignal signal, Room room, List<OutputChannel> channels,
			PipelineCounters counters, ShutdownSignal shutdown, int batchSize, Duration flushInterval) {
		this.queue = queue;
		this.signal = signal;
		this.room = room;
		this.channels = channels;
		this.counters = counters;
		this.shutdown = shutdown;
		this.batchSize = batchSize;
		this.flushIntervalNanos = flushInterval.toNanos();
	}

	@Override
	public void run() {
		try {
			while (!this.shutdown.isAbandoned()) {
				// read before polling: an event queued before closing began is then seen by the poll
				boolean closing = this.shutdown.isClosing();
				long now = System.nanoTime();
				this.channels.forEach((channel) -> channel.retryIfDue(closing, now, this.completion));
				makeRoom();
				long untilRetry = nanosUntilRetry();
				List<QueuedEvent> batch = nextBatch(closing, Math.min(untilRetry, IDLE_POLL_NANOS));
				if (!batch.isEmpty()) {
					deliver(batch, closing);
				}
				else if (closing) {
					if (untilRetry == Long.MAX_VALUE) {
						return;
					}
					this.shutdown.pauseBeforeRetry(Duration.ofNanos(untilRetry));
				}
			}
		}
		finally {
			countAbandoned();
			this.channels.forEach(OutputChannel::close);
		}
	}

	private long nanosUntilRetry() {
		long now = System.nanoTime();
		long until = Long.MAX_VALUE;
		for (OutputChannel channel : this.channels) {
			until = Math.min(until, channel.nanosUntilRetry(now));
		}
		return until;
	}

	/** A full queue while outputs hold batches for a retry: the oldest of those gives way to new events. */
	private void makeRoom() {
		while (this.room.isFull()) {
			PendingBatch oldest = oldestHeld();
			if (oldest == null) {
				return;
			}
			this.givenUpLog.warn("TokenSense's queue is full while outputs retry: they give up their oldest "
					+ "batch of {} events so that new events can be queued", oldest.size());
			this.channels.forEach((channel) -> channel.giveUp(oldest, this.completion));
		}
	}

	private @Nullable PendingBatch oldestHeld() {
		// every output holds its batches in queue order, so the oldest is the head of one of them
		for (OutputChannel channel : this.channels) {
			PendingBatch head = channel.oldest();
			if (head != null) {
				return head;
			}
		}
		return null;
	}

	private List<QueuedEvent> nextBatch(boolean closing, long firstWaitNanos) {
		List<QueuedEvent> batch = new ArrayList<>(Math.min(this.batchSize, 1024));
		if (!closing) {
			if (this.queue.isEmpty()) {
				this.signal.await(1, firstWaitNanos, this.shutdown);
				if (this.queue.isEmpty()) {
					return batch;
				}
			}
			// the first event is in: the batch may fill up for at most the flush interval
			long deadline = System.nanoTime() + this.flushIntervalNanos;
			while (this.queue.size() < this.batchSize && !this.shutdown.isClosing()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				this.signal.await(this.batchSize, Math.min(remaining, IDLE_POLL_NANOS), this.shutdown);
			}
		}
		this.queue.drainTo(batch, this.batchSize);
		return batch;
	}

	private void deliver(List<QueuedEvent> queued, boolean closing) {
		// taken from the queue: room for new events, unless an output keeps the batch below
		this.room.release(queued.size());
		PendingBatch batch = new PendingBatch(queued, this.channels.size());
		for (OutputChannel channel : this.channels) {
			channel.accept(batch, closing, this.completion);
		}
		if (!batch.isDone()) {
			batch.hold();
			this.room.hold(batch.size());
		}
	}

	private void outputDone(PendingBatch batch, boolean written) {
		if (!batch.outputDone(written)) {
			return;
		}
		// counted once per event, however many outputs gave it up: written + dropped = offered
		if (batch.allWritten()) {
			this.counters.written(batch.size());
		}
		else {
			this.counters.dropped(DropReasons.OUTPUT_FAILED, batch.size());
		}
		if (batch.isHeld()) {
			this.room.release(batch.size());
		}
		batch.queued().forEach(this::notifyWritten);
	}

	/** Batches still held when the shutdown timeout ran out are counted once each, like the queue's leftovers. */
	private void countAbandoned() {
		Set<PendingBatch> left = Collections.newSetFromMap(new IdentityHashMap<>());
		this.channels.forEach((channel) -> left.addAll(channel.drainPending()));
		int events = left.stream().mapToInt(PendingBatch::size).sum();
		if (events > 0) {
			this.counters.dropped(DropReasons.SHUTDOWN_TIMEOUT, events);
			this.room.release(left.stream().filter(PendingBatch::isHeld).mapToInt(PendingBatch::size).sum());
			logger.warn("TokenSense dropped {} events that outputs were still retrying when the shutdown timeout "
					+ "ran out", events);
		}
	}

	private void notifyWritten(QueuedEvent queued) {
		Consumer<CallEvent> onWritten = queued.onWritten();
		if (onWritten == null) {
			return;
		}
		try {
			onWritten.accept(queued.event());
		}
		catch (Throwable ex) {
			OutputChannel.rethrowIfFatal(ex);
			this.callbackFailureLog.warn("A TokenSense onWritten callback threw {}", ex.getClass().getName(), ex);
		}
	}

}
