package io.tokensense.testsupport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which the in-memory transports complete async requests, like OkHttp's
 * dispatcher: the SDK's callbacks (and TokenSense's, attached to the SDK's futures) then run
 * off the caller's thread, as they do over a real connection. Daemon threads of a cached
 * pool, so nothing needs closing and idle threads go away.
 */
final class TransportThreads {

	private static final AtomicInteger count = new AtomicInteger();

	static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "in-memory-http-" + count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private TransportThreads() {
	}

}
