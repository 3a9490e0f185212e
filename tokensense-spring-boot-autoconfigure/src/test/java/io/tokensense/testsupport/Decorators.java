package io.tokensense.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decorator of SDK clients made the way OpenTelemetry's openai-java wrapper is: a JDK proxy
 * of the client interface that delegates every method and wraps every client or service it
 * returns in the same way. It counts the billed calls passing through it.
 */
public final class Decorators {

	private final AtomicInteger creates = new AtomicInteger();

	/** A proxy of {@code type} delegating to {@code target}. */
	@SuppressWarnings("unchecked")
	public <T> T decorate(Class<T> type, T target) {
		return (T) decorated(type, target);
	}

	private Object decorated(Class<?> type, Object target) {
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> delegate(target, method, args));
	}

	/** How many {@code create} and {@code createStreaming} calls went through the decorator. */
	public int creates() {
		return this.creates.get();
	}

	private Object delegate(Object target, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> args[0] == target;
				case "hashCode" -> System.identityHashCode(target);
				default -> "Decorated(" + target + ")";
			};
		}
		if (method.getName().startsWith("create")) {
			this.creates.incrementAndGet();
		}
		Object result;
		try {
			result = method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		Class<?> returned = method.getReturnType();
		if (result != null && returned.isInterface() && (returned.getName().contains(".services.")
				|| returned.getName().contains(".client."))) {
			return decorated(returned, result);
		}
		return result;
	}

}
