package io.tokensense.internal.provider;

import io.tokensense.internal.pricing.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * What could be read from one provider response. Every field is optional: an odd payload
 * yields a reading with less in it, never an exception.
 *
 * @param responseModel the model the provider reports having served
 * @param usage normalised token counts, {@code null} when the response carried none
 * @param requestId the provider's id for the response
 * @param responseText the generated text, read only when response capture is on
 * @param providerHint a provider recognised from the payload itself (e.g. {@code groq} from
 * {@code x_groq}), or {@code null}
 * @param serviceTier the service tier the provider reports having served the call at
 * (OpenAI's {@code service_tier}, Anthropic's {@code usage.service_tier}), or {@code null}
 */
public record ResultReading(@Nullable String responseModel, @Nullable TokenUsage usage, @Nullable String requestId,
		@Nullable String responseText, @Nullable String providerHint, @Nullable String serviceTier) {

	/** A reading of a response that had nothing TokenSense understands. */
	public static final ResultReading EMPTY = new ResultReading(null, null, null, null, null);

	/** A reading without a service tier. */
	public ResultReading(@Nullable String responseModel, @Nullable TokenUsage usage, @Nullable String requestId,
			@Nullable String responseText, @Nullable String providerHint) {
		this(responseModel, usage, requestId, responseText, providerHint, null);
	}

	/** This reading with the given service tier. */
	public ResultReading withServiceTier(@Nullable String serviceTier) {
		return new ResultReading(this.responseModel, this.usage, this.requestId, this.responseText, this.providerHint,
				serviceTier);
	}

	/** This reading, with the given request id when it has none of its own. */
	public ResultReading withRequestIdIfAbsent(@Nullable String fallback) {
		if (this.requestId != null || fallback == null) {
			return this;
		}
		return new ResultReading(this.responseModel, this.usage, fallback, this.responseText, this.providerHint,
				this.serviceTier);
	}

}
