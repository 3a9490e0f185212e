package io.tokensense.internal.capture;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.tokensense.CallStatus;
import io.tokensense.internal.provider.Interfaces;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.recording.ErrorTypes;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.RecordingFailures;
import org.jspecify.annotations.Nullable;

/**
 * Runs one billed call through an observed client and records it once it ends, as one client
 * of the recording core: the recorder in force is resolved once, when the call starts, and the
 * call ends on that same recorder. The caller always receives the SDK's
 * own result or exception: whatever goes wrong while recording is swallowed and counted.
 * An async call returns the SDK's own future, so {@code cancel()} still reaches the SDK; the
 * event is recorded when that future completes. Streams, async streams and raw responses come
 * back observed through the SDK's own interfaces and are recorded when they end or are parsed.
 */
final class CallRecorder {

	private CallRecorder() {
	}

	/**
	 * Runs a billed call whose result has the given shape. A failure to start the call is
	 * recorded at once.
	 * @param streaming whether this is a {@code createStreaming} call
	 */
	static @Nullable Object invoke(ObservedClient client, String operation, ResultShape shape, boolean streaming,
			Object target, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		Recorder recorder = recorderOrNull(client);
		if (recorder == null) {
			return Proxies.invoke(target, method, args);
		}
		@Nullable Object[] callArgs = streaming ? withStreamUsage(recorder, client, args) : args;
		InFlightCall call = start(recorder, client, operation, callArgs, streaming);
		if (call != null) {
			BudgetCheck.beforeCall(call);
		}
		Object result;
		try {
			result = Proxies.invoke(target, method, callArgs);
		}
		catch (Throwable error) {
			if (call != null && !CallNesting.recordedInside()) {
				endFailed(call, error);
			}
			throw error;
		}
		if (call == null || CallNesting.recordedInside()) {
			// an observing layer inside this one (behind a foreign proxy) has recorded the call
			return result;
		}
		if (result == null) {
			// a body of JSON null parses to nothing: still a call, recorded without usage
			endParsed(call, null, null);
			return null;
		}
		try {
			if (shape.future() && result instanceof CompletableFuture<?> future) {
				return (shape.kind() == ResultShape.Kind.VALUE) ? watched(future, call)
						: ObservedFuture.mapped(future, (value) -> observed(shape.kind(), value, call, streaming),
								(error) -> endFailed(call, error));
			}
			return observed(shape.kind(), result, call, streaming);
		}
		catch (RuntimeException | LinkageError ex) {
			// the result cannot be followed: the call still counts, without what it would have told
			RecordingFailures.record(ex);
			endParsed(call, null, null);
			return result;
		}
	}

	private static Object watched(CompletableFuture<?> future, InFlightCall call) {
		future.whenComplete((value, error) -> {
			if (error != null) {
				endFailed(call, error);
			}
			else {
				endParsed(call, value, null);
			}
		});
		return future;
	}

	private static Object observed(ResultShape.Kind kind, Object result, InFlightCall call, boolean streaming) {
		return switch (kind) {
			case RAW -> ObservedRawResponse.observe(result, call, streaming);
			case STREAM -> ObservedStream.observe(streamInterface(call, result), result, call);
			case ASYNC_STREAM -> ObservedAsyncStream.observe(
					Interfaces.find(result.getClass(), call.client().adapter()::isAsyncStream), result, call);
			case VALUE -> {
				endParsed(call, result, null);
				yield result;
			}
		};
	}

	private static Class<?> streamInterface(InFlightCall call, Object stream) {
		Class<?> found = Interfaces.find(stream.getClass(), call.client().adapter()::isStream);
		if (found == null) {
			throw new IllegalStateException("no stream interface on " + stream.getClass().getName());
		}
		return found;
	}

	/** The {@code tokensense.streaming.include-usage} opt-in, applied to the request when on. */
	private static @Nullable Object @Nullable [] withStreamUsage(Recorder recorder, ObservedClient client,
			@Nullable Object @Nullable [] args) {
		try {
			if (args == null || args.length == 0 || !recorder.includeStreamUsage()) {
				return args;
			}
			Object params = client.adapter().withStreamUsage(args[0]);
			if (params == args[0]) {
				return args;
			}
			@Nullable Object[] changed = args.clone();
			changed[0] = params;
			return changed;
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return args;
		}
	}

	/**
	 * Records a stream that ended: exhausted ({@code error} and {@code cancelled} unset), failed,
	 * or closed before its end. The reading holds whatever usage arrived until then.
	 * @param firstElementNanos {@link System#nanoTime()} when the first element arrived, or {@code null}
	 */
	static void endStream(InFlightCall call, ResultReading reading, @Nullable Long firstElementNanos,
			@Nullable Throwable error, boolean cancelled) {
		try {
			if (error != null) {
				call.ended(reading, CallStatus.ERROR, ErrorTypes.of(error, call.client().adapter().httpStatus(error)),
						firstElementNanos, error);
			}
			else if (cancelled) {
				call.ended(reading, CallStatus.CANCELLED, ErrorTypes.CANCELLED, firstElementNanos);
			}
			else {
				call.ended(reading, CallStatus.SUCCESS, null, firstElementNanos);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	/**
	 * Records a call that returned its result.
	 * @param fallbackRequestId the request id when the result carries none, or {@code null}
	 */
	static void endParsed(InFlightCall call, @Nullable Object result, @Nullable String fallbackRequestId) {
		ResultReading reading;
		try {
			reading = (result != null) ? call.client().adapter().read(result, call.capturesResponses())
					: ResultReading.EMPTY;
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			reading = ResultReading.EMPTY;
		}
		call.succeeded(reading.withRequestIdIfAbsent(fallbackRequestId));
	}

	/** Records a call that failed; a stream's failure to open is still a streamed call. */
	static void endFailed(InFlightCall call, Throwable error) {
		try {
			call.failed(unwrap(error));
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	/** The recorder in force for a new call of this client, or {@code null} to pass the call through. */
	private static @Nullable Recorder recorderOrNull(ObservedClient client) {
		try {
			return client.recorder().get();
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return null;
		}
	}

	private static @Nullable InFlightCall start(Recorder recorder, ObservedClient client, String operation,
			@Nullable Object @Nullable [] args, boolean streaming) {
		try {
			return InFlightCall.start(recorder, client, operation, args, streaming);
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return null;
		}
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

}
