package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.RateLimitedLogger;
import io.tokensense.output.CallEventOutput;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries events from the threads that made the calls to the outputs: a bounded queue
 * drained by one daemon worker thread, in batches of up to the settings' batch size, each
 * batch waiting at most their flush interval to fill. {@link #offer} never blocks; an event
 * that cannot be taken or written is counted by reason in {@link #droppedByReason()}.
 *
 * <p>Each output is written independently, and neither an exception nor an {@link Error}
 * (an {@link OutOfMemoryError} included) from one output stops the others or the worker: the
 * output is down and retried. A failure of the worker itself is reported by
 * {@link #workerState()}, and the worker goes on after a pause (or, if its thread ended, a new
 * one starts with the next event). An
 * output that fails keeps its batches and retries them, oldest first, with exponential
 * backoff (see {@link RetryPolicy}, pauses capped at {@link RetryPolicy#MAX_BACKOFF}) for as
 * long as it is down, while the worker goes on feeding the other outputs: an event keeps its place in the
 * capacity until every output has written it, so a database outage loses nothing while the
 * backlog fits the queue. When it no longer fits, the oldest batch held for a retry is given
 * up ({@link DropReasons#OUTPUT_FAILED}) once an event is refused ({@link DropReasons#QUEUE_FULL})
 * for want of room: a held batch is never given up while nothing waits for its room. Once
 * closing, a failing output gets the policy's attempts and then gives up. An output that
 * refuses some events for good ({@link io.tokensense.output.EventsRejectedException}) has
 * those counted as {@link DropReasons#REJECTED}, never retried, and the rest written.
 *
 * <p>{@link #close(Duration)} stops accepting events, writes what is queued within the
 * timeout, counts the rest as {@link DropReasons#SHUTDOWN_TIMEOUT} and closes the outputs.
 * If an output is still stuck in a write when the timeout runs out, the worker closes the
 * outputs once that write returns.
 */
public final class EventPipeline implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EventPipeline.class);

	private final BlockingQueue<QueuedEvent> queue = new LinkedBlockingQueue<>();

	/** The capacity, shared by the queue and the batches outputs hold for a retry. */
	private final Room room;

	private final WorkerSignal signal = new WorkerSignal(this.queue);

	private final PipelineSettings settings;

	private final List<OutputChannel> channels;

	private final PipelineCounters counters = new PipelineCounters();

	private final ShutdownSignal shutdown = new ShutdownSignal();

	private final PipelineWorker worker;

	private final String threadName;

	/** The worker's current thread; replaced when one ends without the pipeline closing. */
	private volatile Thread workerThread;

	private final RateLimitedLogger queueFullLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	private final Object lifecycleMonitor = new Object();

	private volatile boolean started;

	/** Whether a worker thread runs: read by {@link #offer} on the callers' threads, so one volatile read. */
	private volatile boolean workerRunning;

	private volatile boolean closed;

	/**
	 * Creates a pipeline that retries failed batches with {@link RetryPolicy#DEFAULT}.
	 * @param outputs where events go; at least one
	 * @param settings capacity, batching and the timeout of {@link #close()}
	 * @param threadName the worker thread's name
	 */
	public EventPipeline(List<? extends CallEventOutput> outputs, PipelineSettings settings, String threadName) {
		this(outputs, settings, threadName, RetryPolicy.DEFAULT);
	}

	/**
	 * Creates a pipeline.
	 * @param outputs where events go; at least one
	 * @param settings capacity, batching and the timeout of {@link #close()}
	 * @param threadName the worker thread's name
	 * @param retryPolicy how failed batches are retried
	 */
	public EventPipeline(List<? extends CallEventOutput> outputs, PipelineSettings settings, String threadName,
			RetryPolicy retryPolicy) {
		PipelineArguments.validate(outputs, settings, threadName, retryPolicy);
		this.settings = settings;
		this.room = new Room(settings.capacity());
		List<OutputChannel> channels = new ArrayList<>(outputs.size());
		outputs.forEach((output) -> channels.add(new OutputChannel(output, retryPolicy, this.shutdown)));
		this.channels = List.copyOf(channels);
		this.worker = new PipelineWorker(this.queue, this.signal, this.room, this.channels, this.counters,
				this.shutdown, settings.batchSize(), settings.flushInterval(), this::workerLost);
		this.threadName = threadName;
		this.workerThread = newWorkerThread();
	}

	private Thread newWorkerThread() {
		Thread thread = new Thread(this.worker, this.threadName);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Starts the worker thread; does nothing when it runs already or the pipeline is closed.
	 * Starts a new one when the last ended without the pipeline closing.
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (!this.closed) {
				startWorker();
			}
		}
	}

	/** Under the lifecycle monitor. */
	private void startWorker() {
		if (this.started && this.workerThread.isAlive()) {
			return;
		}
		if (this.started) {
			this.workerThread = newWorkerThread();
			logger.warn("TokenSense started a new pipeline worker thread: the last one ended with a failure");
		}
		this.workerThread.start();
		this.started = true;
		this.workerRunning = true;
	}

	/** Called by a worker thread that ends without the pipeline closing (it failed even to recover). */
	private void workerLost() {
		this.workerRunning = false;
	}

	/**
	 * Queues an event without blocking, starting the worker if needed.
	 * @param event the event
	 * @param onWritten called on the worker thread once every output has written the event,
	 * or {@code null}; never called for an event that is dropped (refused, rejected by an
	 * output, given up), so it runs exactly for the events counted in {@link #written()}
	 * @return whether the event was queued; {@code false} when the queue is full or the
	 * pipeline is closed, in which case the event is counted as dropped
	 */
	public boolean offer(CallEvent event, @Nullable Consumer<CallEvent> onWritten) {
		if (this.closed) {
			this.counters.dropped(DropReasons.CLOSED, 1);
			return false;
		}
		if (!this.workerRunning) {
			start();
		}
		QueuedEvent queued = new QueuedEvent(event, onWritten);
		if (!this.room.tryTake()) {
			this.counters.dropped(DropReasons.QUEUE_FULL, 1);
			this.queueFullLog.warn("TokenSense dropped an event because its queue of {} is full: the outputs are "
					+ "slower than the calls; check their health or raise tokensense.queue.capacity",
					this.settings.capacity());
			return false;
		}
		this.queue.add(queued);
		// close() may have drained the queue between the check above and the offer: take the event back
		if (this.closed && this.queue.remove(queued)) {
			this.room.release(1);
			this.counters.dropped(DropReasons.CLOSED, 1);
			return false;
		}
		this.signal.queued();
		return true;
	}

	/** Closes within the settings' {@link PipelineSettings#shutdownTimeout() shutdown timeout}. */
	@Override
	public void close() {
		close(this.settings.shutdownTimeout());
	}

	/**
	 * Stops accepting events, writes what is queued and closes the outputs. Returns once
	 * done or when the timeout runs out; then the events still queued are counted as
	 * {@link DropReasons#SHUTDOWN_TIMEOUT}. Calls after the first return at once.
	 * @param timeout how long to wait for queued events to be written
	 */
	public void close(Duration timeout) {
		PipelineArguments.requireNotNegative(timeout, "timeout");
		boolean running;
		synchronized (this.lifecycleMonitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			running = this.started;
		}
		this.shutdown.close();
		this.signal.wake();
		if (running && !this.workerThread.isAlive()) {
			synchronized (this.lifecycleMonitor) {
				// the worker was lost: a new one writes what is queued and closes the outputs
				startWorker();
			}
		}
		if (!running) {
			this.channels.forEach(OutputChannel::close);
			return;
		}
		if (!awaitWorker(timeout)) {
			this.shutdown.abandon();
		}
		List<QueuedEvent> leftovers = new ArrayList<>();
		this.queue.drainTo(leftovers);
		if (!leftovers.isEmpty()) {
			this.room.release(leftovers.size());
			this.counters.dropped(DropReasons.SHUTDOWN_TIMEOUT, leftovers.size());
			logger.warn("TokenSense dropped {} events that were not written within the shutdown timeout of {}",
					leftovers.size(), timeout);
		}
	}

	private boolean awaitWorker(Duration timeout) {
		try {
			this.workerThread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !this.workerThread.isAlive();
	}

	/** How many events wait now: in the queue, or held by a failing output for a retry. */
	public int queueSize() {
		return this.room.used();
	}

	/** How many events may wait at most, in the queue or held for a retry. */
	public int capacity() {
		return this.settings.capacity();
	}

	/** How many events every output has written. */
	public long written() {
		return this.counters.written();
	}

	/**
	 * How many events were dropped, by reason; every key of {@link DropReasons#ALL} is present.
	 * @return a snapshot, in the order of {@link DropReasons#ALL}
	 */
	public Map<String, Long> droppedByReason() {
		return this.counters.droppedByReason();
	}

	/**
	 * How the worker thread is doing: down after a failure of its own until it has gone round
	 * once more, or while its thread is gone (a new one starts with the next event).
	 */
	public WorkerState workerState() {
		WorkerState state = this.worker.state();
		boolean gone = this.started && !this.closed && !this.workerThread.isAlive();
		return gone ? state.gone() : state;
	}

	PipelineCounters counters() {
		return this.counters;
	}

	/** How each output is doing, in the order the outputs were given. */
	public List<OutputState> outputStates() {
		return this.channels.stream().map(OutputChannel::state).toList();
	}

}
