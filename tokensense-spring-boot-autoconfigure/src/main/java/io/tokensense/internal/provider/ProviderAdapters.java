package io.tokensense.internal.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tokensense.internal.pricing.TokenUsage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapters of the SDKs present on the class path. An adapter is loaded only when its
 * SDK is there, so an application with just one SDK never touches the other's classes.
 */
public final class ProviderAdapters {

	/** The client types TokenSense observes, for error messages. */
	public static final String SUPPORTED_TYPES = "com.openai.client.OpenAIClient, com.openai.client.OpenAIClientAsync, "
			+ "com.anthropic.client.AnthropicClient, com.anthropic.client.AnthropicClientAsync";

	private static final Logger logger = LoggerFactory.getLogger(ProviderAdapters.class);

	private static final List<ProviderAdapter> ADAPTERS = load();

	private ProviderAdapters() {
	}

	/** The adapter whose SDK declares one of the object's interfaces as a client. */
	public static Optional<ProviderAdapter> forClient(Object client) {
		for (ProviderAdapter adapter : ADAPTERS) {
			if (clientInterfaceOf(adapter, client.getClass()) != null) {
				return Optional.of(adapter);
			}
		}
		return Optional.empty();
	}

	/** A usage object of a present SDK read as token counts (e.g. a framework's native usage), or {@code null}. */
	public static @Nullable TokenUsage readUsage(@Nullable Object usage) {
		if (usage == null) {
			return null;
		}
		for (ProviderAdapter adapter : ADAPTERS) {
			TokenUsage read = adapter.readUsage(usage);
			if (read != null) {
				return read;
			}
		}
		return null;
	}

	/**
	 * The HTTP status an SDK's error carries, looking through its causes (a framework may wrap
	 * the SDK's exception), or {@code null}.
	 */
	public static @Nullable String httpStatus(Throwable error) {
		int depth = 0;
		for (Throwable cause = error; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			for (ProviderAdapter adapter : ADAPTERS) {
				String status = adapter.httpStatus(cause);
				if (status != null) {
					return status;
				}
			}
		}
		return null;
	}

	/**
	 * The HTTP status of a framework's failed call: an SDK's error first (the framework's model
	 * may be built on an SDK), else the first of the error and its causes whose status the
	 * framework's own reader finds (its HTTP exceptions), or {@code null}.
	 * @param frameworkStatus reads the status of one throwable of the framework's, or answers
	 * {@code null}; never given more than ten causes deep
	 */
	public static @Nullable String httpStatus(Throwable error, Function<Throwable, @Nullable Integer> frameworkStatus) {
		String status = httpStatus(error);
		if (status != null) {
			return status;
		}
		int depth = 0;
		for (Throwable cause = error; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			Integer code = frameworkStatus.apply(cause);
			if (code != null && code >= 100) {
				return Integer.toString(code);
			}
		}
		return null;
	}

	/** The client interface of the adapter that the type implements, or {@code null}. */
	public static @Nullable Class<?> clientInterfaceOf(ProviderAdapter adapter, Class<?> type) {
		return Interfaces.find(type, adapter::isClientInterface);
	}

	private static List<ProviderAdapter> load() {
		List<ProviderAdapter> adapters = new ArrayList<>(2);
		addIfPresent(adapters, "com.openai.client.OpenAIClient",
				"io.tokensense.internal.provider.openai.OpenAiAdapter");
		addIfPresent(adapters, "com.anthropic.client.AnthropicClient",
				"io.tokensense.internal.provider.anthropic.AnthropicAdapter");
		return List.copyOf(adapters);
	}

	private static void addIfPresent(List<ProviderAdapter> adapters, String sdkMarker, String adapterClass) {
		ClassLoader loader = ProviderAdapters.class.getClassLoader();
		try {
			Class.forName(sdkMarker, false, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return;
		}
		try {
			adapters.add((ProviderAdapter) Class.forName(adapterClass, true, loader).getDeclaredConstructor()
				.newInstance());
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			logger.warn("TokenSense cannot observe {} clients with this SDK version: {}", sdkMarker, ex.toString());
		}
	}

}
