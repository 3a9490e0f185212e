package io.tokensense.internal.capture;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/** What every TokenSense invocation handler does alike. */
final class Proxies {

	private Proxies() {
	}

	/** Calls the target, letting the target's own exception through unwrapped. */
	static @Nullable Object invoke(Object target, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	/** {@code equals}, {@code hashCode} and {@code toString}, answered by the proxy itself. */
	static Object objectMethod(Object proxy, Method method, @Nullable Object @Nullable [] args) {
		return switch (method.getName()) {
			case "equals" -> args != null && proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			default -> "TokenSense(" + proxy.getClass().getInterfaces()[0].getSimpleName() + ")";
		};
	}

}
