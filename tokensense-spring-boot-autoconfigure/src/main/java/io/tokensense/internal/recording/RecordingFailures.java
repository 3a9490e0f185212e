package io.tokensense.internal.recording;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.tokensense.internal.support.RateLimitedLogger;
import org.slf4j.LoggerFactory;

/**
 * Counts what went wrong inside TokenSense while recording a call, and says so in the log at
 * most once a minute. A failure here must never reach the caller.
 */
public final class RecordingFailures {

	private static final RateLimitedLogger log = new RateLimitedLogger(
			LoggerFactory.getLogger(RecordingFailures.class), Duration.ofMinutes(1));

	private static final AtomicLong count = new AtomicLong();

	private RecordingFailures() {
	}

	/** How many recordings failed since the JVM started. */
	public static long count() {
		return count.get();
	}

	/** Counts a failure to record and logs it, at most once a minute. */
	public static void record(Throwable failure) {
		count.incrementAndGet();
		log.warn("TokenSense could not record an LLM call; the call itself was not affected", failure);
	}

}
