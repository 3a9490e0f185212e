package io.tokensense.capture;

import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.ObserveOptions;
import io.tokensense.provider.ProviderAdapter;
import io.tokensense.provider.ProviderNames;
import org.jspecify.annotations.Nullable;

/**
 * One observed client and everything its calls share: the SDK adapter, the provider name
 * when configuration or the base URL fixes it, the caller's options and the route to the
 * outputs (resolved per call, so a client observed before the application started still
 * reaches the application's pipeline).
 *
 * @param adapter reads the SDK's types
 * @param provider provider fixed by options or base URL, or {@code null} to decide per response
 * @param options the options given to {@code observe}
 * @param optionsAttribution attribution of the options, precomputed
 * @param route where the events go
 */
public record ObservedClient(ProviderAdapter adapter, @Nullable String provider, ObserveOptions options,
		Attribution optionsAttribution, Supplier<EventRoute> route) {

	/** Describes a client, naming its provider from the options or its base URL. */
	public static ObservedClient of(ProviderAdapter adapter, Object client, ObserveOptions options,
			Supplier<EventRoute> route) {
		return new ObservedClient(adapter, providerOf(adapter, client, options), options,
				new Attribution(options.userId(), options.sessionId(), options.tags()), route);
	}

	/** The same observation for another client reached from this one (e.g. {@code withOptions}). */
	ObservedClient forDerivedClient(Object derivedClient) {
		return new ObservedClient(this.adapter, providerOf(this.adapter, derivedClient, this.options), this.options,
				this.optionsAttribution, this.route);
	}

	/**
	 * This observation layered over an inner one of the same client: this layer's settings win
	 * where it sets them (see {@link LayeredOptions}), its route only when it names an output.
	 */
	ObservedClient over(ObservedClient inner) {
		ObserveOptions merged = LayeredOptions.over(this.options, inner.options);
		String provider = (this.options.provider() != null && !this.options.provider().isBlank())
				? this.options.provider() : inner.provider;
		return new ObservedClient(inner.adapter, provider, merged,
				new Attribution(merged.userId(), merged.sessionId(), merged.tags()),
				(this.options.output() != null) ? this.route : inner.route);
	}

	private static @Nullable String providerOf(ProviderAdapter adapter, Object client, ObserveOptions options) {
		if (options.provider() != null && !options.provider().isBlank()) {
			return options.provider();
		}
		return ProviderNames.fromBaseUrl(adapter.baseUrl(client));
	}

}
