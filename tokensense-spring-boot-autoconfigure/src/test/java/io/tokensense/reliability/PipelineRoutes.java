package io.tokensense.reliability;

import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.ObserveOptions;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;

/** Observed clients whose events go to a real {@link EventPipeline}, as in an application. */
final class PipelineRoutes {

	private PipelineRoutes() {
	}

	/** A route with the bundled prices and no defaults, offering every event to the pipeline. */
	static Supplier<Recorder> to(EventPipeline pipeline) {
		Recorder route = new Recorder(new CostCalculator(PriceCatalog.bundled()), Attribution.NONE, false, false,
				pipeline::offer);
		return () -> route;
	}

	static <T> T observed(T client, EventPipeline pipeline) {
		return ClientProxies.observe(client, ObserveOptions.defaults(), to(pipeline));
	}

}
