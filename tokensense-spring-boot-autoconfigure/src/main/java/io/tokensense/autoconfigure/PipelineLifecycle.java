package io.tokensense.autoconfigure;

import io.tokensense.internal.pipeline.EventPipeline;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the pipeline with the application (calls made while it starts already started it)
 * and, on stop, writes what is queued within {@code tokensense.shutdown-timeout}. It stops in
 * a late phase, after the web server has finished its in-flight requests, so their calls are
 * still recorded.
 */
final class PipelineLifecycle implements SmartLifecycle {

	/** Start early, stop late: after the web server's graceful shutdown. */
	static final int PHASE = Integer.MIN_VALUE + 1000;

	private final EventPipeline pipeline;

	private volatile boolean running;

	PipelineLifecycle(EventPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void start() {
		this.pipeline.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		// within the pipeline's own shutdown timeout: tokensense.shutdown-timeout for TokenSense's pipeline
		this.pipeline.close();
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
