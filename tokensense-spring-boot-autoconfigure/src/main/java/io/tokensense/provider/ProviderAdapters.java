package io.tokensense.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

	/** The client interface of the adapter that the type implements, or {@code null}. */
	public static @Nullable Class<?> clientInterfaceOf(ProviderAdapter adapter, Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			for (Class<?> iface : candidate.getInterfaces()) {
				if (adapter.isClientInterface(iface)) {
					return iface;
				}
			}
		}
		return null;
	}

	private static List<ProviderAdapter> load() {
		List<ProviderAdapter> adapters = new ArrayList<>(2);
		addIfPresent(adapters, "com.openai.client.OpenAIClient", "io.tokensense.provider.openai.OpenAiAdapter");
		addIfPresent(adapters, "com.anthropic.client.AnthropicClient",
				"io.tokensense.provider.anthropic.AnthropicAdapter");
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
