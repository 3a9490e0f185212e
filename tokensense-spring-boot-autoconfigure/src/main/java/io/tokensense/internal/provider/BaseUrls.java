package io.tokensense.internal.provider;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;

/**
 * Reads the base URL of an SDK client. Neither SDK exposes it through its client
 * interface, so this looks for the client options the generated implementations hold, in
 * the order least likely to break: a public accessor, Kotlin's public synthetic accessor,
 * then the private field. Any failure means "unknown", never an exception.
 */
public final class BaseUrls {

	private BaseUrls() {
	}

	/** The client's base URL, or {@code null} when it cannot be read. */
	public static @Nullable String of(Object client) {
		try {
			Object options = clientOptions(client);
			if (options == null) {
				return null;
			}
			Object baseUrl = options.getClass().getMethod("baseUrl").invoke(options);
			return (baseUrl instanceof String url) ? url : null;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static @Nullable Object clientOptions(Object client) throws ReflectiveOperationException {
		Class<?> type = client.getClass();
		for (Method method : type.getMethods()) {
			if (method.getName().equals("options") && method.getParameterCount() == 0) {
				return method.invoke(client);
			}
		}
		for (Method method : type.getMethods()) {
			if (method.getName().equals("access$getClientOptions$p") && Modifier.isStatic(method.getModifiers())
					&& method.getParameterCount() == 1) {
				return method.invoke(null, client);
			}
		}
		try {
			Field field = type.getDeclaredField("clientOptions");
			field.setAccessible(true);
			return field.get(client);
		}
		catch (NoSuchFieldException | RuntimeException ex) {
			return null;
		}
	}

}
