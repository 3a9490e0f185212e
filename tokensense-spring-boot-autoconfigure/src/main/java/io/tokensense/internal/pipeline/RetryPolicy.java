package io.tokensense.internal.pipeline;

import java.time.Duration;

/**
 * How a pipeline retries a batch that an output failed to write: it waits
 * {@code initialBackoff} before the second attempt, {@code multiplier} times longer before
 * each further one, never longer than {@link #MAX_BACKOFF}. While the pipeline runs, an output
 * retries for as long as the queue has room; once the pipeline is closing, an output that has
 * failed {@code maxAttempts} times in a row gives up what it holds.
 *
 * @param maxAttempts how many attempts in a row an output gets once the pipeline is closing;
 * {@code 1} means no retry then
 * @param initialBackoff the pause after the first failure
 * @param multiplier how much longer each following pause is
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {

	/** The longest pause between two attempts, so that a recovered output is noticed soon. */
	public static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	/** Three attempts when closing; pauses of 100 ms, 400 ms, 1.6 s, then 2 s. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), 4);

	/** A single attempt. */
	public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1);

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff == null || initialBackoff.isNegative()) {
			throw new IllegalArgumentException("initialBackoff must not be null or negative, was " + initialBackoff);
		}
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be a finite number of at least 1, was " + multiplier);
		}
	}

	/**
	 * The pause after a failed attempt.
	 * @param failedAttempt the attempt that just failed, starting at 1
	 * @return how long to wait before the next attempt, at most {@link #MAX_BACKOFF}
	 */
	public Duration backoffAfter(int failedAttempt) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.multiplier, Math.max(0, failedAttempt - 1));
		return Duration.ofMillis((long) Math.min(millis, MAX_BACKOFF.toMillis()));
	}

}
