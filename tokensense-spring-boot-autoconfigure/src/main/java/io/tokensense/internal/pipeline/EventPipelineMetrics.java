package io.tokensense.internal.pipeline;

import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tokensense.output.TokenSenseMeters;
import org.jspecify.annotations.Nullable;

/**
 * Binds a pipeline's own meters: {@value TokenSenseMeters#EVENTS_DROPPED} (a function counter
 * per {@code reason}, every reason of {@link DropReasons#ALL} registered up front so that a
 * zero is visible before the first drop), {@value TokenSenseMeters#QUEUE_SIZE} and
 * {@value TokenSenseMeters#QUEUE_CAPACITY}. The meters read the pipeline when the registry
 * is scraped; nothing is counted twice. The dropped counts stay readable after the pipeline
 * is closed and gone, so a registry publishing on close reports the drops of the shutdown.
 */
public final class EventPipelineMetrics implements MeterBinder {

	private final Supplier<@Nullable EventPipeline> pipeline;

	/**
	 * Creates a binder that looks its pipeline up when bound, for a pipeline that is created
	 * later; binds nothing when the supplier gives {@code null}.
	 * @param pipeline supplies the pipeline
	 */
	public EventPipelineMetrics(Supplier<@Nullable EventPipeline> pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		EventPipeline pipeline = this.pipeline.get();
		if (pipeline == null) {
			return;
		}
		PipelineCounters counters = pipeline.counters();
		for (String reason : DropReasons.ALL) {
			// a function counter holds its object weakly: the function holds the counters (not the
			// pipeline) strongly, so the final counts outlive a closed context and reach a registry
			// that publishes once more when it closes
			FunctionCounter.builder(TokenSenseMeters.EVENTS_DROPPED, counters, (ignored) -> counters.dropped(reason))
				.description("LLM call events that were not written, by reason")
				.baseUnit("events")
				.tag(TokenSenseMeters.REASON, reason)
				.register(registry);
		}
		Gauge.builder(TokenSenseMeters.QUEUE_SIZE, pipeline, EventPipeline::queueSize)
			.description("LLM call events waiting to be written")
			.baseUnit("events")
			.register(registry);
		Gauge.builder(TokenSenseMeters.QUEUE_CAPACITY, pipeline, EventPipeline::capacity)
			.description("How many LLM call events the queue holds at most")
			.baseUnit("events")
			.register(registry);
	}

}
