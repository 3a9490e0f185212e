package io.tokensense.capture;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.pricing.Pricing;
import io.tokensense.pricing.TokenUsage;
import io.tokensense.provider.ProviderAdapter;
import io.tokensense.provider.ResultReading;
import org.jspecify.annotations.Nullable;

/**
 * Turns an ended call into a {@link CallEvent}: names the provider, prices the usage,
 * merges attribution (scope over options over defaults) and captures content only when
 * asked to.
 */
final class CallEventFactory {

	/** The error type of a stream closed before its end. */
	static final String CANCELLED = "Cancelled";

	private CallEventFactory() {
	}

	/**
	 * A call that returned its result.
	 * @param fallbackRequestId the request id when the result carries none (a raw response's header)
	 */
	static CallEvent succeeded(InFlightCall call, EventRoute route, @Nullable Object result,
			@Nullable String fallbackRequestId, long endNanos) {
		ProviderAdapter adapter = call.client().adapter();
		boolean withText = route.logResponses() || call.client().options().logResponses();
		ResultReading reading = (result != null) ? adapter.read(result, withText) : ResultReading.EMPTY;
		return build(call, route, reading.withRequestIdIfAbsent(fallbackRequestId), endNanos, CallStatus.SUCCESS,
				null, null, false);
	}

	/** A call that failed, or a stream that failed to open. */
	static CallEvent failed(InFlightCall call, EventRoute route, Throwable error, long endNanos) {
		CallStatus status = (error instanceof CancellationException) ? CallStatus.CANCELLED : CallStatus.ERROR;
		return build(call, route, ResultReading.EMPTY, endNanos, status, errorType(call, error), null, call.streamed());
	}

	/**
	 * A streamed call that ended: exhausted ({@code error} and {@code cancelled} unset), failed,
	 * or closed before its end. The reading holds whatever usage arrived until then.
	 * @param firstElementNanos {@link System#nanoTime()} when the first element arrived, or {@code null}
	 */
	static CallEvent streamEnded(InFlightCall call, EventRoute route, ResultReading reading, long endNanos,
			@Nullable Long firstElementNanos, @Nullable Throwable error, boolean cancelled) {
		Duration timeToFirstToken = (firstElementNanos != null)
				? Duration.ofNanos(Math.max(0, firstElementNanos - call.startNanos())) : null;
		if (error != null) {
			return build(call, route, reading, endNanos, CallStatus.ERROR, errorType(call, error), timeToFirstToken,
					true);
		}
		if (cancelled) {
			return build(call, route, reading, endNanos, CallStatus.CANCELLED, CANCELLED, timeToFirstToken, true);
		}
		return build(call, route, reading, endNanos, CallStatus.SUCCESS, null, timeToFirstToken, true);
	}

	private static CallEvent build(InFlightCall call, EventRoute route, ResultReading reading, long endNanos,
			CallStatus status, @Nullable String errorType, @Nullable Duration timeToFirstToken, boolean streamed) {
		ObservedClient client = call.client();
		ObserveOptions options = client.options();
		String provider = providerOf(client, reading);
		String requestModel = client.adapter().requestModel(call.params());
		TokenUsage usage = reading.usage();
		Pricing pricing = route.costs().price(provider, requestModel, reading.responseModel(), usage,
				reading.serviceTier());
		Attribution attribution = call.scope().mergedOver(client.optionsAttribution()).mergedOver(route.defaults());
		boolean withPrompt = route.logPrompts() || options.logPrompts();
		return new CallEvent(EventIds.next(call.timestamp()), call.timestamp(), provider, call.operation(), requestModel,
				reading.responseModel(), (usage != null) ? usage.input() : null,
				(usage != null) ? usage.output() : null, (usage != null) ? usage.cacheRead() : null,
				(usage != null) ? usage.cacheWrite() : null, (usage != null) ? usage.reasoning() : null,
				(usage != null) ? usage.total() : null, pricing.costUsd(), pricing.status(),
				Duration.ofNanos(Math.max(0, endNanos - call.startNanos())), timeToFirstToken, streamed, status, errorType,
				attribution.userId(), attribution.sessionId(), attribution.tags(), reading.requestId(),
				withPrompt ? client.adapter().prompt(call.params()) : null, reading.responseText(), reading.serviceTier());
	}

	private static String providerOf(ObservedClient client, ResultReading reading) {
		if (client.provider() != null) {
			return client.provider();
		}
		return (reading.providerHint() != null) ? reading.providerHint() : client.adapter().sdkProvider();
	}

	/** The HTTP status of a provider error, else the exception's class; never its message. */
	private static String errorType(InFlightCall call, Throwable error) {
		String status = call.client().adapter().httpStatus(error);
		if (status != null) {
			return status;
		}
		String simpleName = error.getClass().getSimpleName();
		return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
	}

}
