package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The two steps of closing a pipeline as its worker sees them: closing (write what is
 * queued, then stop) and abandoned (the shutdown timeout ran out: stop after the batch in
 * hand, without retries).
 */
final class ShutdownSignal {

	private volatile boolean closing;

	private final CountDownLatch abandoned = new CountDownLatch(1);

	void close() {
		this.closing = true;
	}

	void abandon() {
		this.closing = true;
		this.abandoned.countDown();
	}

	boolean isClosing() {
		return this.closing;
	}

	boolean isAbandoned() {
		return this.abandoned.getCount() == 0;
	}

	/**
	 * Waits before a retry, unless the pipeline is abandoned meanwhile.
	 * @return whether to go on retrying
	 */
	boolean pauseBeforeRetry(Duration backoff) {
		try {
			return !this.abandoned.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
