package io.tokensense.capture;

import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import io.tokensense.ObserveOptions;
import io.tokensense.provider.ProviderAdapter;
import io.tokensense.provider.ProviderAdapters;
import io.tokensense.recording.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Creates the JDK interface proxies that observe SDK clients. The SDKs' implementation and
 * model classes are final, so class-based proxies cannot work; interface proxies, applied
 * again to every service a client returns, can.
 */
public final class ClientProxies {

	private ClientProxies() {
	}

	/**
	 * Observes a client through its SDK client interface.
	 * @param client an OpenAI or Anthropic client (sync or async)
	 * @param options attribution and routing of its calls
	 * @param recorder where its calls record, resolved at the start of each call ({@code null}: not
	 * recorded)
	 * @return a proxy of the client's interface
	 * @throws IllegalArgumentException when the object is not a supported client
	 */
	@SuppressWarnings("unchecked")
	public static <T> T observe(T client, ObserveOptions options, Supplier<@Nullable Recorder> recorder) {
		if (isObserved(client)) {
			return client;
		}
		ProviderAdapter adapter = ProviderAdapters.forClient(client)
			.orElseThrow(() -> new IllegalArgumentException("TokenSense cannot observe " + client.getClass().getName()
					+ ": supported types are " + ProviderAdapters.SUPPORTED_TYPES));
		Class<?> clientInterface = ProviderAdapters.clientInterfaceOf(adapter, client.getClass());
		return (T) proxy(client, clientInterface, ObservedClient.of(adapter, client, options, recorder));
	}

	/** The client interface an object would be observed through, or {@code null} if unsupported. */
	public static @Nullable Class<?> clientInterfaceOf(Object candidate) {
		return ProviderAdapters.forClient(candidate)
			.map((adapter) -> ProviderAdapters.clientInterfaceOf(adapter, candidate.getClass()))
			.orElse(null);
	}

	/** Whether the object is already one of TokenSense's proxies. */
	public static boolean isObserved(Object candidate) {
		return Proxy.isProxyClass(candidate.getClass())
				&& Proxy.getInvocationHandler(candidate) instanceof ObservingHandler;
	}

	static Object proxy(Object target, Class<?> serviceInterface, ObservedClient client) {
		return Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] { serviceInterface },
				new ObservingHandler(target, serviceInterface, client));
	}

}
