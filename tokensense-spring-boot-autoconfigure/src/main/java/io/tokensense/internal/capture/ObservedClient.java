package io.tokensense.internal.capture;

import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.ObserveOptions;
import io.tokensense.internal.provider.ProviderAdapter;
import io.tokensense.internal.provider.ProviderNames;
import io.tokensense.internal.recording.CallOrigin;
import io.tokensense.internal.recording.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * One observed client and everything its calls share: the SDK adapter, what the client fixes
 * for its calls (provider when configuration or the base URL names it, the options'
 * attribution, content capture and callback), and where its calls record: the recorder is
 * resolved once per call, at its start, so a client observed before the application started
 * still records into the application.
 *
 * @param adapter reads the SDK's types
 * @param origin what the client fixes for its calls
 * @param options the options given to {@code observe}
 * @param recorder the recorder in force for a new call; {@code null} while TokenSense is disabled
 */
public record ObservedClient(ProviderAdapter adapter, CallOrigin origin, ObserveOptions options,
		Supplier<@Nullable Recorder> recorder) {

	/** Describes a client, naming its provider from the options or its base URL. */
	public static ObservedClient of(ProviderAdapter adapter, Object client, ObserveOptions options,
			Supplier<@Nullable Recorder> recorder) {
		return new ObservedClient(adapter, originOf(adapter, client, options), options, recorder);
	}

	/** The same observation for another client reached from this one (e.g. {@code withOptions}). */
	ObservedClient forDerivedClient(Object derivedClient) {
		return new ObservedClient(this.adapter, originOf(this.adapter, derivedClient, this.options), this.options,
				this.recorder);
	}

	private static CallOrigin originOf(ProviderAdapter adapter, Object client, ObserveOptions options) {
		return new CallOrigin(providerOf(adapter, client, options), adapter.sdkProvider(),
				new Attribution(options.userId(), options.sessionId(), options.tags()), options.logPrompts(),
				options.logResponses(), options.onEvent(), options.budgets());
	}

	/**
	 * This observation layered over an inner one of the same client: this layer's settings win
	 * where it sets them (see {@link LayeredOptions}), its recorder only when it names an output.
	 */
	ObservedClient over(ObservedClient inner) {
		ObserveOptions merged = LayeredOptions.over(this.options, inner.options);
		String provider = (this.options.provider() != null && !this.options.provider().isBlank())
				? this.options.provider() : inner.origin.provider();
		CallOrigin origin = new CallOrigin(provider, inner.adapter.sdkProvider(),
				new Attribution(merged.userId(), merged.sessionId(), merged.tags()), merged.logPrompts(),
				merged.logResponses(), merged.onEvent(), merged.budgets());
		return new ObservedClient(inner.adapter, origin, merged,
				(this.options.output() != null) ? this.recorder : inner.recorder);
	}

	private static @Nullable String providerOf(ProviderAdapter adapter, Object client, ObserveOptions options) {
		if (options.provider() != null && !options.provider().isBlank()) {
			return options.provider();
		}
		return ProviderNames.fromBaseUrl(adapter.baseUrl(client));
	}

}
