package io.tokensense.internal.recording;

import java.time.Duration;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.internal.pricing.Pricing;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import org.jspecify.annotations.Nullable;

/**
 * Turns an ended call into a {@link CallEvent}: names the provider, prices the usage,
 * merges attribution (scope over origin over defaults) and captures content only when
 * asked to.
 */
final class CallEventFactory {

	private CallEventFactory() {
	}

	static CallEvent build(StartedCall call, ResultReading reading, long endNanos, CallStatus status,
			@Nullable String errorType, @Nullable Long firstElementNanos) {
		Recorder recorder = call.recorder();
		CallOrigin origin = call.origin();
		String provider = providerOf(origin, reading);
		TokenUsage usage = reading.usage();
		String requestModel = call.requestModel();
		Pricing pricing = recorder.costs().price(provider, requestModel, reading.responseModel(), usage,
				reading.serviceTier());
		Attribution attribution = call.scope().mergedOver(origin.attribution()).mergedOver(recorder.defaults());
		Duration timeToFirstToken = (firstElementNanos != null)
				? Duration.ofNanos(Math.max(0, firstElementNanos - call.startNanos())) : null;
		String prompt = recorder.capturesPrompts(origin) ? call.promptOrNull() : null;
		// The positional constructor, not CallEvent.builder(): on a client bean's route (deeper
		// inlining, the event published to listeners) the JIT does not scalar-replace the builder,
		// about 60 B more per call there (SpringBeanRouteBenchmark). Users get the builder.
		return new CallEvent(EventIds.next(call.timestamp()), call.timestamp(), provider, call.operation(),
				requestModel, reading.responseModel(), (usage != null) ? usage.input() : null,
				(usage != null) ? usage.output() : null, (usage != null) ? usage.cacheRead() : null,
				(usage != null) ? usage.cacheWrite() : null, (usage != null) ? usage.reasoning() : null,
				(usage != null) ? usage.total() : null, pricing.costUsd(), pricing.status(),
				Duration.ofNanos(Math.max(0, endNanos - call.startNanos())), timeToFirstToken, call.streamed(), status,
				errorType, attribution.userId(), attribution.sessionId(), attribution.tags(), reading.requestId(), prompt,
				reading.responseText(), reading.serviceTier());
	}

	private static String providerOf(CallOrigin origin, ResultReading reading) {
		if (origin.provider() != null) {
			return origin.provider();
		}
		return (reading.providerHint() != null) ? reading.providerHint() : origin.defaultProvider();
	}

}
