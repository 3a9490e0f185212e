package io.tokensense.internal.capture;

import java.util.function.Supplier;

import io.tokensense.ObserveOptions;
import io.tokensense.internal.provider.ProviderAdapter;
import io.tokensense.internal.provider.ProviderAdapters;
import io.tokensense.internal.recording.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Creates the interface proxies that observe SDK clients. The SDKs' implementation and
 * model classes are final, so subclassing proxies cannot work; proxies of the interface alone,
 * applied again to every service a client returns, can (see {@link InterfaceProxies}).
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
	 * @return a proxy of the client's interface; for a client observed already, a proxy with
	 * these options layered over its own
	 * @throws IllegalArgumentException when the object is not a supported client
	 */
	@SuppressWarnings("unchecked")
	public static <T> T observe(T client, ObserveOptions options, Supplier<@Nullable Recorder> recorder) {
		if (isObserved(client)) {
			return (T) layered(client, options, recorder);
		}
		ProviderAdapter adapter = ProviderAdapters.forClient(client)
			.orElseThrow(() -> new IllegalArgumentException("TokenSense cannot observe " + client.getClass().getName()
					+ ": supported types are " + ProviderAdapters.SUPPORTED_TYPES));
		Class<?> clientInterface = ProviderAdapters.clientInterfaceOf(adapter, client.getClass());
		return (T) proxy(client, clientInterface, ObservedClient.of(adapter, client, options, recorder));
	}

	/**
	 * An observed client observed again: one proxy over the same SDK object, with the new
	 * options over the old ones (see {@link LayeredOptions}); the client itself when the new
	 * options set nothing.
	 */
	private static Object layered(Object observed, ObserveOptions options, Supplier<@Nullable Recorder> recorder) {
		if (options.equals(ObserveOptions.defaults())) {
			return observed;
		}
		ObservingHandler handler = InterfaceProxies.handlerOf(observed);
		if (handler == null) {
			return observed;
		}
		ObservedClient inner = handler.client();
		ObservedClient outer = ObservedClient.of(inner.adapter(), handler.target(), options, recorder);
		return proxy(handler.target(), handler.serviceInterface(), outer.over(inner));
	}

	/** The client interface an object would be observed through, or {@code null} if unsupported. */
	public static @Nullable Class<?> clientInterfaceOf(Object candidate) {
		return ProviderAdapters.forClient(candidate)
			.map((adapter) -> ProviderAdapters.clientInterfaceOf(adapter, candidate.getClass()))
			.orElse(null);
	}

	/** Whether the object is already one of TokenSense's proxies. */
	public static boolean isObserved(Object candidate) {
		return InterfaceProxies.handlerOf(candidate) != null;
	}

	static Object proxy(Object target, Class<?> serviceInterface, ObservedClient client) {
		return InterfaceProxies.create(serviceInterface, new ObservingHandler(target, serviceInterface, client));
	}

}
