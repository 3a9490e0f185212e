package io.tokensense.capture;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.tokensense.CallEvent;
import io.tokensense.provider.ResultReading;
import org.jspecify.annotations.Nullable;

/**
 * Runs one billed call and records it once it ends. The caller always receives the SDK's
 * own result or exception: whatever goes wrong while recording is swallowed and counted.
 * An async call returns the SDK's own future, so {@code cancel()} still reaches the SDK; the
 * event is recorded when that future completes. A stream is returned observed, and recorded
 * by {@link ObservedStream} when it ends.
 */
final class CallRecorder {

	private CallRecorder() {
	}

	static @Nullable Object invoke(ObservedClient client, String operation, Object target, Method method,
			@Nullable Object @Nullable [] args) throws Throwable {
		InFlightCall call = start(client, operation, args);
		Object result;
		try {
			result = method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			Throwable error = (ex.getCause() != null) ? ex.getCause() : ex;
			if (call != null) {
				end(call, null, error);
			}
			throw error;
		}
		if (call != null) {
			if (result instanceof CompletableFuture<?> future) {
				future.whenComplete((value, error) -> end(call, value, unwrap(error)));
			}
			else {
				end(call, result, null);
			}
		}
		return result;
	}

	/**
	 * Runs a {@code createStreaming} call. A failure to open the stream is recorded at once; an
	 * opened stream comes back as an {@link ObservedStream} of the same interface.
	 */
	static @Nullable Object invokeStreaming(ObservedClient client, String operation, Object target, Method method,
			@Nullable Object @Nullable [] args) throws Throwable {
		InFlightCall call = start(client, operation, args);
		Object result;
		try {
			result = method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			Throwable error = (ex.getCause() != null) ? ex.getCause() : ex;
			if (call != null) {
				endStream(call, ResultReading.EMPTY, null, error, false);
			}
			throw error;
		}
		if (call == null || result == null) {
			return result;
		}
		try {
			return ObservedStream.observe(method.getReturnType(), result, call);
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return result;
		}
	}

	/** Records a stream that ended; see {@link CallEventFactory#streamEnded}. */
	static void endStream(InFlightCall call, ResultReading reading, @Nullable Long firstElementNanos,
			@Nullable Throwable error, boolean cancelled) {
		long endNanos = System.nanoTime();
		try {
			EventRoute route = call.client().route().get();
			CallEvent event = CallEventFactory.streamEnded(call, route, reading, endNanos, firstElementNanos, error,
					cancelled);
			route.sink().accept(event, call.client().options().onEvent());
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	private static @Nullable InFlightCall start(ObservedClient client, String operation,
			@Nullable Object @Nullable [] args) {
		try {
			return InFlightCall.start(client, operation, args);
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return null;
		}
	}

	private static void end(InFlightCall call, @Nullable Object result, @Nullable Throwable error) {
		long endNanos = System.nanoTime();
		try {
			EventRoute route = call.client().route().get();
			CallEvent event = (error != null) ? CallEventFactory.failed(call, route, error, endNanos)
					: CallEventFactory.succeeded(call, route, result, endNanos);
			route.sink().accept(event, call.client().options().onEvent());
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	private static @Nullable Throwable unwrap(@Nullable Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

}
