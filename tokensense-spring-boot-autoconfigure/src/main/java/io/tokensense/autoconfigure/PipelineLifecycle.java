package io.tokensense.autoconfigure;

import java.time.Duration;

import io.tokensense.capture.EventRoute;
import io.tokensense.capture.Routes;
import io.tokensense.pipeline.EventPipeline;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the pipeline with the application and binds its route for
 * {@code TokenSense.observe}; on stop, unbinds it and writes what is queued within
 * {@code tokensense.shutdown-timeout}. It stops in a late phase, after the web server has
 * finished its in-flight requests, so their calls are still recorded.
 */
final class PipelineLifecycle implements SmartLifecycle {

	/** Start early, stop late: after the web server's graceful shutdown. */
	static final int PHASE = Integer.MIN_VALUE + 1000;

	private final EventPipeline pipeline;

	private final EventRoute route;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	PipelineLifecycle(EventPipeline pipeline, EventRoute route, Duration shutdownTimeout) {
		this.pipeline = pipeline;
		this.route = route;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		this.pipeline.start();
		Routes.bindApplication(this.route);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Routes.unbindApplication(this.route);
		this.pipeline.close(this.shutdownTimeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
