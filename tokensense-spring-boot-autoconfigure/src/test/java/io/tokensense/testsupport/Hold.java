package io.tokensense.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request the {@link LoopbackServer} keeps unanswered: the test waits until it arrived,
 * acts, then releases it. A hold never released lets go after ten seconds, so a failing
 * test cannot hang the server.
 */
public final class Hold {

	private static final long LIMIT_SECONDS = 10;

	private final CountDownLatch arrived = new CountDownLatch(1);

	private final CountDownLatch released = new CountDownLatch(1);

	Hold() {
	}

	/** Waits until the held request reached the server; fails after ten seconds. */
	public void awaitArrival() throws InterruptedException {
		if (!this.arrived.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
			throw new AssertionError("the held request never reached the server");
		}
	}

	/** Lets the server answer the held request. */
	public void release() {
		this.released.countDown();
	}

	void park() {
		this.arrived.countDown();
		try {
			this.released.await(LIMIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
