package io.tokensense;

import java.util.Objects;

import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.internal.recording.ObserveRoutes;

/**
 * Observes SDK clients that are not Spring beans (bean clients are observed by the
 * auto-configuration).
 *
 * <pre>{@code
 * OpenAIClient client = TokenSense.observe(OpenAIOkHttpClient.fromEnv());
 * }</pre>
 *
 * The returned proxy has the client's interface and behaves exactly like the client: same
 * results, same exceptions. Each billed call becomes a {@link CallEvent}. Inside a running
 * Spring application, with no output in the options, events join the application's
 * pipeline; outside one, they go to the output of the options or to the default: a JSON log
 * line when {@code ENV}, {@code ENVIRONMENT} or {@code APP_ENV} is {@code production}, the
 * console otherwise.
 */
public final class TokenSense {

	private TokenSense() {
	}

	/**
	 * Observes a client with default options.
	 * @see #observe(Object, ObserveOptions)
	 */
	public static <T> T observe(T client) {
		return observe(client, ObserveOptions.defaults());
	}

	/**
	 * Observes a client.
	 *
	 * <p>Observing a client that is observed already (a Spring bean, or what an earlier
	 * {@code observe} returned) layers the new options over its own, in a new proxy over the
	 * same SDK client: each setting given here wins, each one left unset keeps the old value;
	 * tags are the union, content capture is on when either asks, and both {@code onEvent}
	 * callbacks run (the old one first). Each call still makes one event. Calling it per
	 * request is fine but unnecessary: for per-request attribution, use {@link TokenSenseContext}.
	 *
	 * <p>A client observed twice with a foreign proxy between the layers (a decorator around an
	 * observed client, wrapped again) also makes one event per call: the innermost observing
	 * layer records it, with the outer layers' options over its own, as long as the decorator
	 * calls the client on the caller's thread.
	 * @param client an {@code OpenAIClient}, {@code OpenAIClientAsync}, {@code AnthropicClient}
	 * or {@code AnthropicClientAsync}
	 * @param options attribution and routing for its calls
	 * @return a proxy of the client's interface; the client itself when TokenSense is
	 * disabled in the running application, or when the client is observed already and the
	 * options set nothing
	 * @throws IllegalArgumentException when the object is not a supported client
	 */
	public static <T> T observe(T client, ObserveOptions options) {
		Objects.requireNonNull(client, "client must not be null");
		Objects.requireNonNull(options, "options must not be null");
		if (ObserveRoutes.isDisabled()) {
			return client;
		}
		return ClientProxies.observe(client, options, ObserveRoutes.forOptions(options));
	}

}
