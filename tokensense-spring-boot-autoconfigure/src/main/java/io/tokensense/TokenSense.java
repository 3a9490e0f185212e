package io.tokensense;

import java.util.Objects;

import io.tokensense.capture.ClientProxies;
import io.tokensense.recording.ObserveRoutes;

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
	 * @param client an {@code OpenAIClient}, {@code OpenAIClientAsync}, {@code AnthropicClient}
	 * or {@code AnthropicClientAsync}
	 * @param options attribution and routing for its calls
	 * @return a proxy of the client's interface; the client itself when TokenSense is
	 * disabled in the running application or the client is already observed
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
