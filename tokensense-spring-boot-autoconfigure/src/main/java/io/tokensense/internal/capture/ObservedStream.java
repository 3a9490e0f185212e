package io.tokensense.internal.capture;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind an observed {@code StreamResponse}: a JDK proxy of the SDK's
 * own stream interface, so the caller keeps its type. Each element passes by a
 * {@link StreamWatch} on its way to the caller, unchanged and in order; the watch records the
 * call once, when the stream runs out, fails or is closed before its end.
 */
final class ObservedStream implements InvocationHandler {

	private final Object delegate;

	private final StreamWatch watch;

	private ObservedStream(Object delegate, StreamWatch watch) {
		this.delegate = delegate;
		this.watch = watch;
	}

	/** A proxy of {@code streamInterface} observing the SDK's stream {@code delegate}. */
	static Object observe(Class<?> streamInterface, Object delegate, InFlightCall call) {
		return observe(streamInterface, delegate, StreamWatch.of(call, null));
	}

	static Object observe(Class<?> streamInterface, Object delegate, StreamWatch watch) {
		return Proxy.newProxyInstance(streamInterface.getClassLoader(), new Class<?>[] { streamInterface },
				new ObservedStream(delegate, watch));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return Proxies.objectMethod(proxy, method, args);
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
				this.watch.cancelled();
			}
		}
		// defaults such as Anthropic's iterator() run on the proxy, so they read through stream()
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		return delegated(method, args);
	}

	private @Nullable Object delegated(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		return Proxies.invoke(this.delegate, method, args);
	}

	private <T> Stream<T> watched(Stream<T> source) {
		// never split, so elements reach the caller one at a time and in order
		return StreamSupport.stream(new WatchingSpliterator<>(source.spliterator(), this.watch), false)
			.onClose(source::close)
			.onClose(this.watch::cancelled);
	}

}
