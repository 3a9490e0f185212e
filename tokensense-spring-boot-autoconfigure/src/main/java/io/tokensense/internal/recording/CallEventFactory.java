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
		CallEvent.Builder event = CallEvent.builder()
			.id(EventIds.next(call.timestamp()))
			.timestamp(call.timestamp())
			.provider(provider)
			.operation(call.operation())
			.requestModel(requestModel)
			.responseModel(reading.responseModel())
			.costUsd(pricing.costUsd())
			.pricingStatus(pricing.status())
			.latency(Duration.ofNanos(Math.max(0, endNanos - call.startNanos())))
			.timeToFirstToken(timeToFirstToken)
			.streamed(call.streamed())
			.status(status)
			.errorType(errorType)
			.userId(attribution.userId())
			.sessionId(attribution.sessionId())
			.tags(attribution.tags())
			.requestId(reading.requestId())
			.prompt(prompt)
			.response(reading.responseText())
			.serviceTier(reading.serviceTier());
		if (usage != null) {
			event.inputTokens(usage.input())
				.outputTokens(usage.output())
				.cacheReadTokens(usage.cacheRead())
				.cacheWriteTokens(usage.cacheWrite())
				.reasoningTokens(usage.reasoning())
				.totalTokens(usage.total());
		}
		return event.build();
	}

	private static String providerOf(CallOrigin origin, ResultReading reading) {
		if (origin.provider() != null) {
			return origin.provider();
		}
		return (reading.providerHint() != null) ? reading.providerHint() : origin.defaultProvider();
	}

}
