package io.tokensense.capture;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.tokensense.provider.ResultReading;
import io.tokensense.provider.StreamAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind an observed {@code StreamResponse}: a JDK proxy of the SDK's
 * own stream interface, so the caller keeps its type. Each element passes by the provider's
 * {@link StreamAccumulator} on its way to the caller, unchanged and in order. The call is
 * recorded once, at whichever comes first: the stream runs out ({@code SUCCESS}), fails
 * ({@code ERROR}, the exception goes on to the caller), or is closed before its end
 * ({@code CANCELLED}); each with the usage seen until then.
 */
final class ObservedStream implements InvocationHandler {

	private final Object delegate;

	private final InFlightCall call;

	private final StreamAccumulator accumulator;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile @Nullable Long firstElementNanos;

	private ObservedStream(Object delegate, InFlightCall call, StreamAccumulator accumulator) {
		this.delegate = delegate;
		this.call = call;
		this.accumulator = accumulator;
	}

	/** A proxy of {@code streamInterface} observing the SDK's stream {@code delegate}. */
	static Object observe(Class<?> streamInterface, Object delegate, InFlightCall call) {
		ObservedClient client = call.client();
		boolean withText = client.route().get().logResponses() || client.options().logResponses();
		ObservedStream handler = new ObservedStream(delegate, call, client.adapter().newStreamAccumulator(withText));
		return Proxy.newProxyInstance(streamInterface.getClassLoader(), new Class<?>[] { streamInterface }, handler);
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> args != null && proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "TokenSense(" + method.getDeclaringClass().getSimpleName() + ")";
			};
		}
		boolean noArgs = args == null || args.length == 0;
		if (noArgs && method.getName().equals("stream")) {
			return watched((Stream<?>) delegated(method, args));
		}
		if (noArgs && method.getName().equals("close")) {
			try {
				return delegated(method, args);
			}
			finally {
				closed();
			}
		}
		// defaults such as Anthropic's iterator() run on the proxy, so they read through stream()
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		return delegated(method, args);
	}

	private @Nullable Object delegated(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(this.delegate, args);
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private <T> Stream<T> watched(Stream<T> source) {
		// never split, so elements reach the caller one at a time and in order
		return StreamSupport.stream(new WatchingSpliterator<>(source.spliterator(), this), false)
			.onClose(source::close)
			.onClose(this::closed);
	}

	void element(Object element) {
		if (this.firstElementNanos == null) {
			this.firstElementNanos = System.nanoTime();
		}
		try {
			synchronized (this.accumulator) {
				this.accumulator.accept(element);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	void exhausted() {
		end(null, false);
	}

	void failed(Throwable error) {
		end(error, false);
	}

	void closed() {
		end(null, true);
	}

	private void end(@Nullable Throwable error, boolean cancelled) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		CallRecorder.endStream(this.call, reading(), this.firstElementNanos, error, cancelled);
	}

	private ResultReading reading() {
		try {
			synchronized (this.accumulator) {
				return this.accumulator.reading();
			}
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return ResultReading.EMPTY;
		}
	}

}
