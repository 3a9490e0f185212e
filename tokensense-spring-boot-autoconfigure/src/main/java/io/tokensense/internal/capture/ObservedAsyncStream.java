package io.tokensense.internal.capture;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind an observed {@code AsyncStreamResponse}. The caller's handler
 * is wrapped: each element passes by a {@link StreamWatch} and then reaches the caller's
 * {@code onNext}, in order and unchanged; {@code onComplete} records the call before the
 * caller hears of the end. Closing the response before its end records it as cancelled with
 * the usage seen so far. The SDK's own {@code onCompleteFuture()} is handed out unchanged.
 */
final class ObservedAsyncStream implements InvocationHandler {

	private final Object delegate;

	private final StreamWatch watch;

	private ObservedAsyncStream(Object delegate, StreamWatch watch) {
		this.delegate = delegate;
		this.watch = watch;
	}

	static Object observe(Class<?> streamInterface, Object delegate, InFlightCall call) {
		return Proxy.newProxyInstance(streamInterface.getClassLoader(), new Class<?>[] { streamInterface },
				new ObservedAsyncStream(delegate, StreamWatch.of(call, null)));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return Proxies.objectMethod(proxy, method, args);
		}
		if (method.getName().equals("subscribe") && args != null && args.length > 0 && args[0] != null) {
			Class<?> handlerInterface = method.getParameterTypes()[0];
			Object[] wrappedArgs = args.clone();
			wrappedArgs[0] = Proxy.newProxyInstance(handlerInterface.getClassLoader(),
					new Class<?>[] { handlerInterface }, new WatchingHandler(args[0], this.watch));
			Object returned = Proxies.invoke(this.delegate, method, wrappedArgs);
			// subscribe returns the response itself for chaining: keep the caller on the proxy
			return (returned == this.delegate) ? proxy : returned;
		}
		if (method.getName().equals("close") && (args == null || args.length == 0)) {
			// recorded first: closing completes onCompleteFuture(), and whoever waits on it may look for the event
			this.watch.cancelled();
			return Proxies.invoke(this.delegate, method, args);
		}
		return Proxies.invoke(this.delegate, method, args);
	}

	/**
	 * The caller's {@code Handler}, watched. An exception thrown by the caller's own
	 * {@code onNext} makes the SDK end the stream with it; that is the caller stopping, not the
	 * stream failing, so it is recorded as cancelled.
	 */
	private static final class WatchingHandler implements InvocationHandler {

		private final Object callerHandler;

		private final StreamWatch watch;

		private volatile @Nullable Throwable callerFailure;

		WatchingHandler(Object callerHandler, StreamWatch watch) {
			this.callerHandler = callerHandler;
			this.watch = watch;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			if (method.getDeclaringClass() == Object.class) {
				return Proxies.objectMethod(proxy, method, args);
			}
			if (method.getName().equals("onNext") && args != null && args.length == 1) {
				if (args[0] != null) {
					this.watch.element(args[0]);
				}
				try {
					return Proxies.invoke(this.callerHandler, method, args);
				}
				catch (Throwable ex) {
					this.callerFailure = ex;
					throw ex;
				}
			}
			if (method.getName().equals("onComplete") && args != null && args.length == 1) {
				completed(args[0]);
			}
			return Proxies.invoke(this.callerHandler, method, args);
		}

		private void completed(@Nullable Object outcome) {
			Throwable error = (outcome instanceof Optional<?> optional && optional.orElse(null) instanceof Throwable t)
					? t : null;
			if (error == null) {
				this.watch.exhausted();
			}
			else if (error == this.callerFailure) {
				this.watch.cancelled();
			}
			else {
				this.watch.failed((error instanceof CompletionException && error.getCause() != null) ? error.getCause()
						: error);
			}
		}

	}

}
