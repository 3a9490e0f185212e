package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.RateLimitedLogger;
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
 * drains the queue; it closes the outputs on its way out. Only events every output wrote are
 * counted as written and reach their callbacks; the others are counted as dropped.
 */
final class PipelineWorker implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(EventPipeline.class);

	/** How long an idle worker sleeps before it looks at the shutdown signal again. */
	private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** How long the worker pauses after a failure of its own before it goes on. */
	static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

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

	private final RateLimitedLogger workerFailureLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	/** Called when the worker thread ends without the pipeline closing. */
	private final Runnable lost;

	private volatile WorkerState state = WorkerState.UP;

	/**
	 * @param batchSize the largest batch, which is also how many queued events make a batch
	 * worth waking up for (so never more than the capacity)
	 */
	PipelineWorker(BlockingQueue<QueuedEvent> queue, WorkerSignal signal, Room room, List<OutputChannel> channels,
			PipelineCounters counters, ShutdownSignal shutdown, int batchSize, Duration flushInterval, Runnable lost) {
		this.queue = queue;
		this.signal = signal;
		this.room = room;
		this.channels = channels;
		this.counters = counters;
		this.shutdown = shutdown;
		this.batchSize = batchSize;
		this.flushIntervalNanos = flushInterval.toNanos();
		this.lost = lost;
	}

	@Override
	public void run() {
		boolean finished = false;
		try {
			finished = loop();
		}
		finally {
			if (finished || this.shutdown.isClosing()) {
				countAbandoned();
				this.channels.forEach(OutputChannel::close);
			}
			else {
				// only when even the loop's guard failed: the pipeline starts a new worker on the next event
				this.lost.run();
			}
		}
	}

	/**
	 * Runs until the pipeline is closed and drained, or abandoned. An {@link Error} thrown by
	 * the worker's own steps (out of memory, say) does not end it: the worker reports itself
	 * down, pauses and goes on.
	 * @return whether it ended because the pipeline closed
	 */
	private boolean loop() {
		while (!this.shutdown.isAbandoned()) {
			try {
				if (!step()) {
					return true;
				}
				if (!this.state.up()) {
					this.state = this.state.recovered();
				}
			}
			catch (Throwable ex) {
				this.state = this.state.failed(ex.getClass().getName(), Instant.now());
				this.workerFailureLog.warn("TokenSense's pipeline worker failed with {}; it goes on after a pause",
						ex.getClass().getName(), ex);
				this.shutdown.pauseBeforeRetry(PAUSE_AFTER_FAILURE);
			}
		}
		return true;
	}

	/** One round: due retries, room, the next batch. Returns whether to go on. */
	private boolean step() {
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
				return false;
			}
			this.shutdown.pauseBeforeRetry(Duration.ofNanos(untilRetry));
		}
		return true;
	}

	/** Whether the worker is up, or down (with the reason) after a failure of its own. */
	WorkerState state() {
		return this.state;
	}

	private long nanosUntilRetry() {
		long now = System.nanoTime();
		long until = Long.MAX_VALUE;
		for (OutputChannel channel : this.channels) {
			until = Math.min(until, channel.nanosUntilRetry(now));
		}
		return until;
	}

	/**
	 * An event refused while outputs hold batches for a retry: the oldest of those gives way to
	 * new events. Nothing is given up while nothing is refused, however full the room is.
	 */
	private void makeRoom() {
		if (!this.room.takeWanted()) {
			return;
		}
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
		int rejected = batch.rejectedCount();
		int rest = batch.size() - rejected;
		if (rejected > 0) {
			this.counters.dropped(DropReasons.REJECTED, rejected);
		}
		if (batch.allWritten()) {
			this.counters.written(rest);
		}
		else {
			this.counters.dropped(DropReasons.OUTPUT_FAILED, rest);
		}
		if (batch.isHeld()) {
			this.room.release(batch.size());
		}
		if (batch.allWritten()) {
			List<QueuedEvent> queued = batch.queued();
			for (int i = 0; i < queued.size(); i++) {
				if (!batch.isRejected(i)) {
					notifyWritten(queued.get(i));
				}
			}
		}
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
			// the callback's own failure, an Error included: the worker and the other callbacks go on
			this.callbackFailureLog.warn("A TokenSense onWritten callback threw {}", ex.getClass().getName(), ex);
		}
	}

}
