package io.tokensense.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output as the worker drives it: writes a batch with retries and keeps the output's
 * state. Failures stay here, so that one output cannot stop the others.
 */
final class OutputChannel {

	private static final Logger logger = LoggerFactory.getLogger(EventPipeline.class);

	private final CallEventOutput output;

	private final String name;

	private final RetryPolicy retryPolicy;

	private final ShutdownSignal shutdown;

	private final RateLimitedLogger failureLog = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	private volatile OutputState state;

	OutputChannel(CallEventOutput output, RetryPolicy retryPolicy, ShutdownSignal shutdown) {
		this.output = output;
		this.name = nameOf(output);
		this.retryPolicy = retryPolicy;
		this.shutdown = shutdown;
		this.state = OutputState.initial(this.name);
	}

	/**
	 * Hands the batch to the output until it succeeds or the retries run out.
	 * @return whether the output took the batch
	 */
	boolean write(List<CallEvent> batch) {
		for (int attempt = 1;; attempt++) {
			try {
				this.output.write(batch);
				this.state = this.state.recovered();
				return true;
			}
			catch (Throwable ex) {
				rethrowIfFatal(ex);
				this.state = this.state.failed(ex.getClass().getName(), Instant.now());
				if (!retry(attempt)) {
					this.failureLog.warn("TokenSense output '{}' failed to write {} events after {} attempt(s) "
							+ "with {}; they are dropped for this output", this.name, batch.size(), attempt,
							ex.getClass().getName(), ex);
					return false;
				}
			}
		}
	}

	private boolean retry(int failedAttempt) {
		// once the shutdown timeout has run out, a batch gets one try only
		return failedAttempt < this.retryPolicy.maxAttempts() && !this.shutdown.isAbandoned()
				&& this.shutdown.pauseBeforeRetry(this.retryPolicy.backoffAfter(failedAttempt));
	}

	void close() {
		try {
			this.output.close();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			logger.warn("TokenSense output '{}' failed to close", this.name, ex);
		}
	}

	OutputState state() {
		return this.state;
	}

	String name() {
		return this.name;
	}

	/** Errors other than these (a missing optional class, a failed assertion) stay the output's problem. */
	static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
	}

	private static String nameOf(CallEventOutput output) {
		try {
			return output.name();
		}
		catch (RuntimeException ex) {
			return output.getClass().getSimpleName();
		}
	}

}
