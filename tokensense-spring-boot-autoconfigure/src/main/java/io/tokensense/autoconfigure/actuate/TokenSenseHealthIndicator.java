package io.tokensense.autoconfigure.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.OutputState;
import io.tokensense.internal.pipeline.WorkerState;
import io.tokensense.internal.pricing.CatalogStatus;
import io.tokensense.internal.pricing.RefreshingPriceCatalog;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code tokensense} health contributor: how full the queue is, what was dropped (by
 * reason, {@code rejected} included), the worker's state and each output's state. DOWN when
 * an output's last write failed or the worker failed and has not recovered, so an operator
 * sees a broken output (its last error type and time are in the details); the LLM calls themselves are
 * never affected by it. The {@code pricing} details say which price catalog is in use (source,
 * model count, when it was loaded) and why the last read of {@code tokensense.pricing.catalog}
 * failed, if it did; a failed read keeps the last good catalog and does not change the status.
 * Leave it out of readiness groups if a broken output should not take
 * the instance out of rotation.
 */
public class TokenSenseHealthIndicator extends AbstractHealthIndicator {

	private final EventPipeline pipeline;

	private final @Nullable RefreshingPriceCatalog catalog;

	/**
	 * @param pipeline the queue and outputs
	 * @param catalog the price catalog in use, if TokenSense's own
	 */
	public TokenSenseHealthIndicator(EventPipeline pipeline, @Nullable RefreshingPriceCatalog catalog) {
		super("TokenSense health check failed");
		this.pipeline = pipeline;
		this.catalog = catalog;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allUp = true;
		Map<String, Object> outputs = new LinkedHashMap<>();
		for (OutputState state : this.pipeline.outputStates()) {
			allUp &= state.up();
			outputs.put(state.name(), outputDetails(state));
		}
		WorkerState worker = this.pipeline.workerState();
		allUp &= worker.up();
		(allUp ? builder.up() : builder.down()).withDetail("queue", queueDetails())
			.withDetail("written", this.pipeline.written())
			.withDetail("dropped", this.pipeline.droppedByReason())
			.withDetail("worker", details(worker.up(), worker.lastErrorType(), worker.lastErrorTime()))
			.withDetail("outputs", outputs);
		if (this.catalog != null) {
			builder.withDetail("pricing", pricingDetails(this.catalog.status()));
		}
	}

	private static Map<String, Object> pricingDetails(CatalogStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("source", status.source());
		if (status.location() != null) {
			details.put("location", status.location());
		}
		details.put("models", status.models());
		details.put("loadedAt", status.loadedAt().toString());
		if (status.lastError() != null) {
			details.put("lastError", status.lastError());
		}
		if (status.lastErrorAt() != null) {
			details.put("lastErrorAt", status.lastErrorAt().toString());
		}
		return details;
	}

	private Map<String, Object> queueDetails() {
		int size = this.pipeline.queueSize();
		int capacity = this.pipeline.capacity();
		Map<String, Object> queue = new LinkedHashMap<>();
		queue.put("size", size);
		queue.put("capacity", capacity);
		queue.put("fill", (capacity > 0) ? (double) size / capacity : 0.0);
		return queue;
	}

	private static Map<String, Object> outputDetails(OutputState state) {
		return details(state.up(), state.lastErrorType(), state.lastErrorTime());
	}

	private static Map<String, Object> details(boolean up, @Nullable String lastErrorType,
			@Nullable Instant lastErrorTime) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", up ? "UP" : "DOWN");
		if (lastErrorType != null) {
			details.put("lastErrorType", lastErrorType);
		}
		if (lastErrorTime != null) {
			details.put("lastErrorTime", lastErrorTime.toString());
		}
		return details;
	}

}
