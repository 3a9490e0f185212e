package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.RateLimitedLogger;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.EventsRejectedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output as the worker drives it: the batches it has not written yet, in order, and when
 * to try the oldest again. While the pipeline runs, a failing output keeps its batches and
 * retries with capped exponential backoff, however long it is down; its batches count
 * against the queue capacity, and the worker makes it give up its oldest one when the queue
 * is full. Once closing, it gives up after the {@link RetryPolicy}'s attempts. Failures stay
 * here, so that one output cannot stop the others; only the worker thread calls it, except
 * {@link #state()}. An output that refuses some events for good
 * ({@link EventsRejectedException}) is done with their batch: the others count as written.
 */
final class OutputChannel {

	private static final Logger logger = LoggerFactory.getLogger(EventPipeline.class);

	private final CallEventOutput output;

	private final String name;

	private final RetryPolicy retryPolicy;

	private final ShutdownSignal shutdown;

	private final RateLimitedLogger failureLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	private final RateLimitedLogger rejectionLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	private final Deque<PendingBatch> pending = new ArrayDeque<>();

	private int failures;

	private long nextAttemptNanos;

	private volatile OutputState state;

	OutputChannel(CallEventOutput output, RetryPolicy retryPolicy, ShutdownSignal shutdown) {
		this.output = output;
		this.name = nameOf(output);
		this.retryPolicy = retryPolicy;
		this.shutdown = shutdown;
		this.state = OutputState.initial(this.name);
	}

	/** Takes a new batch: written now unless older ones wait for a retry, then after them. */
	void accept(PendingBatch batch, boolean closing, Completion completion) {
		this.pending.addLast(batch);
		if (this.pending.size() == 1) {
			writePending(closing, completion);
		}
	}

	/** Tries the waiting batches again if their pause is over. */
	void retryIfDue(boolean closing, long now, Completion completion) {
		if (!this.pending.isEmpty() && now - this.nextAttemptNanos >= 0) {
			writePending(closing, completion);
		}
	}

	private void writePending(boolean closing, Completion completion) {
		while (!this.pending.isEmpty() && !this.shutdown.isAbandoned()) {
			PendingBatch head = this.pending.peekFirst();
			Throwable failure = write(head.events());
			if (failure == null || failure instanceof EventsRejectedException) {
				this.pending.removeFirst();
				this.failures = 0;
				if (failure != null) {
					reject(head, (EventsRejectedException) failure);
				}
				completion.done(head, true);
				continue;
			}
			this.failures++;
			if (closing && this.failures >= this.retryPolicy.maxAttempts()) {
				int events = giveUpAll(completion);
				this.failureLog.warn("TokenSense output '{}' failed to write {} events while closing, after {} "
						+ "attempt(s) with {}; they are dropped for this output", this.name, events, this.failures,
						failure.getClass().getName(), failure);
				return;
			}
			this.nextAttemptNanos = System.nanoTime() + this.retryPolicy.backoffAfter(this.failures).toNanos();
			this.failureLog.warn("TokenSense output '{}' failed with {}; its {} waiting batch(es) are retried",
					this.name, failure.getClass().getName(), this.pending.size(), failure);
			return;
		}
	}

	/** The output wrote the batch but refused some events for good: they are never retried. */
	private void reject(PendingBatch batch, EventsRejectedException rejection) {
		int rejected = batch.reject(rejection.rejected());
		if (rejected > 0) {
			this.rejectionLog.warn("TokenSense output '{}' refused {} event(s) for good ({}); they are dropped as "
					+ "'{}' and not retried, the rest of their batch is written", this.name, rejected,
					rejection.getMessage(), DropReasons.REJECTED);
		}
	}

	/**
	 * Writes a batch; whatever the output throws is its own failure, an {@link Error} included:
	 * an output that runs out of memory is down and retried later, but the worker goes on.
	 */
	private @Nullable Throwable write(List<CallEvent> batch) {
		try {
			this.output.write(batch);
			this.state = this.state.recovered();
			return null;
		}
		catch (EventsRejectedException ex) {
			this.state = this.state.recovered();
			return ex;
		}
		catch (Throwable ex) {
			this.state = this.state.failed(ex.getClass().getName(), Instant.now());
			return ex;
		}
	}

	private int giveUpAll(Completion completion) {
		int events = 0;
		while (!this.pending.isEmpty()) {
			PendingBatch batch = this.pending.removeFirst();
			events += batch.size();
			completion.done(batch, false);
		}
		return events;
	}

	/** Gives up the batch if this output still holds it; the queue is full and it is the oldest. */
	void giveUp(PendingBatch batch, Completion completion) {
		if (this.pending.remove(batch)) {
			completion.done(batch, false);
		}
	}

	/** The oldest batch waiting for a retry, if any. */
	@Nullable PendingBatch oldest() {
		return this.pending.peekFirst();
	}

	/** How long until the next retry is due, at least zero; {@link Long#MAX_VALUE} when none waits. */
	long nanosUntilRetry(long now) {
		return this.pending.isEmpty() ? Long.MAX_VALUE : Math.max(0, this.nextAttemptNanos - now);
	}

	/** The batches this output still holds, handed back when the pipeline is abandoned. */
	List<PendingBatch> drainPending() {
		List<PendingBatch> batches = List.copyOf(this.pending);
		this.pending.clear();
		return batches;
	}

	void close() {
		try {
			this.output.close();
		}
		catch (Throwable ex) {
			logger.warn("TokenSense output '{}' failed to close with {}", this.name, ex.getClass().getName(), ex);
		}
	}

	OutputState state() {
		return this.state;
	}

	private static String nameOf(CallEventOutput output) {
		try {
			return output.name();
		}
		catch (RuntimeException ex) {
			return output.getClass().getSimpleName();
		}
	}

	/** What the worker does when an output is done with a batch. */
	@FunctionalInterface
	interface Completion {

		void done(PendingBatch batch, boolean written);

	}

}
