package io.tokensense.internal.capture;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tokensense.internal.provider.Interfaces;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.recording.RecordingFailures;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind an observed {@code HttpResponseFor}, what a
 * {@code withRawResponse()} service returns. Status code, headers and body stay the SDK's.
 * The call is recorded once:
 * <ul>
 * <li>when {@code parse()} first returns, with the usage of the parsed body (a failed parse
 * is recorded as an error); a streamed body comes back observed and is recorded when that
 * stream ends;</li>
 * <li>or, when the response is closed without ever being parsed, without usage
 * ({@code NO_USAGE}; a stream never read is {@code CANCELLED}), since the caller read the body
 * its own way;</li>
 * <li>a raw response neither parsed nor closed is never recorded.</li>
 * </ul>
 * The response's {@code x-request-id} / {@code request-id} header is the event's request id
 * when the body carries none.
 */
final class ObservedRawResponse implements InvocationHandler {

	private final Object delegate;

	private final InFlightCall call;

	private final boolean streaming;

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile @Nullable Object parsedDelegate;

	private volatile @Nullable Object parsedResult;

	private ObservedRawResponse(Object delegate, InFlightCall call, boolean streaming) {
		this.delegate = delegate;
		this.call = call;
		this.streaming = streaming;
	}

	/**
	 * A proxy of the raw response's interface.
	 * @param streaming whether its body is a stream ({@code createStreaming})
	 */
	static Object observe(Object delegate, InFlightCall call, boolean streaming) {
		Class<?> rawInterface = Interfaces.find(delegate.getClass(), call.client().adapter()::isRawResponse);
		if (rawInterface == null) {
			CallRecorder.endParsed(call, null, null);
			return delegate;
		}
		return Proxy.newProxyInstance(rawInterface.getClassLoader(), new Class<?>[] { rawInterface },
				new ObservedRawResponse(delegate, call, streaming));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return Proxies.objectMethod(proxy, method, args);
		}
		boolean noArgs = args == null || args.length == 0;
		if (noArgs && method.getName().equals("parse")) {
			return parse(method);
		}
		if (noArgs && method.getName().equals("close")) {
			try {
				return Proxies.invoke(this.delegate, method, args);
			}
			finally {
				closedUnparsed();
			}
		}
		return Proxies.invoke(this.delegate, method, args);
	}

	private @Nullable Object parse(Method method) throws Throwable {
		Object parsed;
		try {
			parsed = Proxies.invoke(this.delegate, method, null);
		}
		catch (Throwable ex) {
			if (this.settled.compareAndSet(false, true)) {
				CallRecorder.endFailed(this.call, ex);
			}
			throw ex;
		}
		synchronized (this) {
			// the SDK parses once and hands out the same body again; so does the proxy
			if (parsed != null && parsed == this.parsedDelegate) {
				return this.parsedResult;
			}
			Object result = observedBody(parsed);
			this.parsedDelegate = parsed;
			this.parsedResult = result;
			return result;
		}
	}

	private @Nullable Object observedBody(@Nullable Object parsed) {
		if (!this.settled.compareAndSet(false, true)) {
			return parsed;
		}
		String requestId = this.call.client().adapter().rawRequestId(this.delegate);
		if (!this.streaming || parsed == null) {
			CallRecorder.endParsed(this.call, parsed, requestId);
			return parsed;
		}
		try {
			Class<?> streamInterface = Interfaces.find(parsed.getClass(), this.call.client().adapter()::isStream);
			if (streamInterface != null) {
				return ObservedStream.observe(streamInterface, parsed, StreamWatch.of(this.call, requestId));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
		CallRecorder.endStream(this.call, ResultReading.EMPTY.withRequestIdIfAbsent(requestId), null, null, false);
		return parsed;
	}

	private void closedUnparsed() {
		if (!this.settled.compareAndSet(false, true)) {
			return;
		}
		String requestId = this.call.client().adapter().rawRequestId(this.delegate);
		if (this.streaming) {
			CallRecorder.endStream(this.call, ResultReading.EMPTY.withRequestIdIfAbsent(requestId), null, null, true);
		}
		else {
			CallRecorder.endParsed(this.call, null, requestId);
		}
	}

}
