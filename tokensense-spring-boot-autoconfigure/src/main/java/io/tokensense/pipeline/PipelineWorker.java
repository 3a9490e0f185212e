package io.tokensense.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tokensense.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a pipeline's worker thread: takes up to a batch of events from the queue,
 * waiting at most the flush interval for it to fill, and hands it to every output in turn.
 * Once closing, it stops waiting and drains the queue; it closes the outputs on its way out.
 */
final class PipelineWorker implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(EventPipeline.class);

	/** How long an idle worker sleeps before it looks at the shutdown signal again. */
	private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final BlockingQueue<QueuedEvent> queue;

	private final List<OutputChannel> channels;

	private final PipelineCounters counters;

	private final ShutdownSignal shutdown;

	private final int batchSize;

	/** How many queued events make a batch worth waking up for; a queue may hold fewer than a batch. */
	private final int fullBatch;

	private final WorkerSignal signal;

	private final long flushIntervalNanos;

	private final RateLimitedLogger callbackFailureLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	PipelineWorker(BlockingQueue<QueuedEvent> queue, WorkerSignal signal, List<OutputChannel> channels,
			PipelineCounters counters, ShutdownSignal shutdown, int batchSize, Duration flushInterval) {
		this.queue = queue;
		this.channels = channels;
		this.counters = counters;
		this.shutdown = shutdown;
		this.batchSize = batchSize;
		this.fullBatch = Math.min(batchSize, queue.remainingCapacity());
		this.signal = signal;
		this.flushIntervalNanos = flushInterval.toNanos();
	}

	@Override
	public void run() {
		try {
			while (!this.shutdown.isAbandoned()) {
				// read before polling: an event queued before closing began is then seen by the poll
				boolean closing = this.shutdown.isClosing();
				List<QueuedEvent> batch = nextBatch(closing);
				if (!batch.isEmpty()) {
					deliver(batch);
				}
				else if (closing) {
					return;
				}
			}
		}
		finally {
			this.channels.forEach(OutputChannel::close);
		}
	}

	private List<QueuedEvent> nextBatch(boolean closing) {
		List<QueuedEvent> batch = new ArrayList<>(Math.min(this.batchSize, 1024));
		if (!closing) {
			if (this.queue.isEmpty()) {
				this.signal.await(1, IDLE_POLL_NANOS, this.shutdown);
				if (this.queue.isEmpty()) {
					return batch;
				}
			}
			// the first event is in: the batch may fill up for at most the flush interval
			long deadline = System.nanoTime() + this.flushIntervalNanos;
			while (this.queue.size() < this.fullBatch && !this.shutdown.isClosing()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				this.signal.await(this.fullBatch, Math.min(remaining, IDLE_POLL_NANOS), this.shutdown);
			}
		}
		this.queue.drainTo(batch, this.batchSize);
		return batch;
	}

	private void deliver(List<QueuedEvent> batch) {
		List<CallEvent> events = new ArrayList<>(batch.size());
		batch.forEach((queued) -> events.add(queued.event()));
		List<CallEvent> readOnly = List.copyOf(events);
		boolean allWritten = true;
		for (OutputChannel channel : this.channels) {
			if (!channel.write(readOnly)) {
				this.counters.dropped(DropReasons.OUTPUT_FAILED, readOnly.size());
				allWritten = false;
			}
		}
		if (allWritten) {
			this.counters.written(readOnly.size());
		}
		batch.forEach(this::notifyWritten);
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
