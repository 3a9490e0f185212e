package io.tokensense.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Per-token prices (USD) of one model, as in one entry of a LiteLLM price file.
 *
 * <p>Input and output prices are always known; an optional price is {@code null} when the
 * catalog does not give it, and {@link CostCalculator} then falls back as documented there.
 *
 * @param model the catalog key, e.g. {@code gpt-4o} or {@code groq/llama-3.3-70b-versatile}
 * @param provider LiteLLM's {@code litellm_provider}, when given
 * @param mode LiteLLM's {@code mode} ({@code chat}, {@code embedding}, ...), when given
 * @param input {@code input_cost_per_token}
 * @param output {@code output_cost_per_token}
 * @param cacheRead {@code cache_read_input_token_cost}
 * @param cacheWrite {@code cache_creation_input_token_cost} (five-minute cache writes)
 * @param cacheWrite1h {@code cache_creation_input_token_cost_above_1hr} (one-hour cache writes)
 * @param reasoning {@code output_cost_per_reasoning_token}
 * @param longContext prices from {@code *_above_Nk_tokens} fields, keyed by the threshold
 * in tokens ({@code 200_000} for {@code 200k}), ascending
 */
public record ModelPrice(String model, @Nullable String provider, @Nullable String mode, BigDecimal input,
		BigDecimal output, @Nullable BigDecimal cacheRead, @Nullable BigDecimal cacheWrite,
		@Nullable BigDecimal cacheWrite1h, @Nullable BigDecimal reasoning,
		NavigableMap<Long, LongContextPrice> longContext) {

	public ModelPrice {
		Objects.requireNonNull(model, "model must not be null");
		Objects.requireNonNull(input, () -> "input price of " + model + " must not be null");
		Objects.requireNonNull(output, () -> "output price of " + model + " must not be null");
		longContext = Collections.unmodifiableNavigableMap(new TreeMap<>(longContext));
	}

	/** A model with input and output prices only. */
	public static ModelPrice of(String model, BigDecimal input, BigDecimal output) {
		return new ModelPrice(model, null, null, input, output, null, null, null, null, new TreeMap<>());
	}

	/**
	 * The long-context prices that apply to a call with {@code totalInput} input tokens: the
	 * tier with the highest threshold that the input strictly exceeds, or {@code null}.
	 */
	public @Nullable LongContextPrice longContextFor(long totalInput) {
		if (this.longContext.isEmpty()) {
			// most models have no tiers: spare boxing the count on every call
			return null;
		}
		Map.Entry<Long, LongContextPrice> tier = this.longContext.lowerEntry(totalInput);
		return (tier != null) ? tier.getValue() : null;
	}

	ModelPrice withModel(String model) {
		return new ModelPrice(model, this.provider, this.mode, this.input, this.output, this.cacheRead,
				this.cacheWrite, this.cacheWrite1h, this.reasoning, this.longContext);
	}

}
