package io.tokensense.internal.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs a recurring warning at most once per interval, so that a failure repeated on every
 * call cannot flood the application's logs. The next line that gets through says how many
 * were left out. Use one instance per kind of message; safe for concurrent use.
 */
public final class RateLimitedLogger {

	private final Logger logger;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final AtomicLong nextAllowed;

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Creates a logger that lets one line through per interval.
	 * @param logger where the lines go
	 * @param interval the minimum time between two lines, e.g. one minute
	 */
	public RateLimitedLogger(Logger logger, Duration interval) {
		this(logger, interval, System::nanoTime);
	}

	RateLimitedLogger(Logger logger, Duration interval, LongSupplier nanoClock) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("interval must not be negative, was " + interval);
		}
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
		this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
	}

	/**
	 * Logs a warning unless one was logged less than an interval ago.
	 * @param format an SLF4J message format
	 * @param arguments its arguments; a trailing {@link Throwable} is logged with its stack trace
	 * @return whether the line was logged
	 */
	public boolean warn(String format, @Nullable Object... arguments) {
		if (!this.logger.isWarnEnabled() || !tryAcquire()) {
			return false;
		}
		long left = this.suppressed.getAndSet(0);
		if (left == 0) {
			this.logger.warn(format, arguments);
		}
		else {
			this.logger.warn(format + " ({} similar messages suppressed)", withCount(arguments, left));
		}
		return true;
	}

	private boolean tryAcquire() {
		long now = this.nanoClock.getAsLong();
		long allowed = this.nextAllowed.get();
		// compare as a difference: nanoTime may be negative and wraps
		if (now - allowed >= 0 && this.nextAllowed.compareAndSet(allowed, now + this.intervalNanos)) {
			return true;
		}
		this.suppressed.incrementAndGet();
		return false;
	}

	/** Puts the count before a trailing throwable so that SLF4J still treats that as the exception. */
	private static @Nullable Object[] withCount(@Nullable Object[] arguments, long count) {
		boolean throwableLast = arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable;
		@Nullable Object[] result = new Object[arguments.length + 1];
		int countIndex = throwableLast ? arguments.length - 1 : arguments.length;
		System.arraycopy(arguments, 0, result, 0, countIndex);
		result[countIndex] = count;
		if (throwableLast) {
			result[arguments.length] = arguments[arguments.length - 1];
		}
		return result;
	}

}
