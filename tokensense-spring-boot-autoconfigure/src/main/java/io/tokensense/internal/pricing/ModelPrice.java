package io.tokensense.internal.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Per-token prices (USD) of one model, as in one entry of a LiteLLM price file: the base
 * prices ({@code input_cost_per_token}, ...), and those refined by a long-context threshold
 * ({@code *_above_200k_tokens}) or a service tier ({@code *_priority}, {@code *_flex},
 * {@code *_batches}). Prices an entry lacks are derived as {@link RateTable} states, once, when
 * the entry is built.
 */
public final class ModelPrice {

	private final String model;

	private final @Nullable String provider;

	private final @Nullable String mode;

	private final Map<String, BigDecimal> prices;

	private final Set<PriceBucket> flat;

	private final RateTable rates;

	ModelPrice(String model, @Nullable String provider, @Nullable String mode, Map<String, BigDecimal> prices,
			Set<PriceBucket> flat) {
		this.model = Objects.requireNonNull(model, "model must not be null");
		this.provider = provider;
		this.mode = mode;
		this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
		this.flat = flat.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flat));
		Map<PriceField, BigDecimal> fields = new LinkedHashMap<>();
		prices.forEach((name, price) -> {
			PriceField field = PriceField.parse(name);
			if (field != null) {
				fields.put(field, price);
			}
		});
		Objects.requireNonNull(prices.get(PriceBucket.INPUT.field()), () -> "input price of " + model + " is missing");
		Objects.requireNonNull(prices.get(PriceBucket.OUTPUT.field()),
				() -> "output price of " + model + " is missing");
		this.rates = RateTable.derive(fields, this.flat);
	}

	/**
	 * An entry of LiteLLM price fields.
	 * @param model the catalog key
	 * @param provider LiteLLM's {@code litellm_provider}, if known
	 * @param mode LiteLLM's {@code mode}, if known
	 * @param prices USD per token by LiteLLM field name; must hold {@code input_cost_per_token} and
	 * {@code output_cost_per_token}; fields TokenSense does not read are kept but ignored
	 */
	public static ModelPrice of(String model, @Nullable String provider, @Nullable String mode,
			Map<String, BigDecimal> prices) {
		return new ModelPrice(model, provider, mode, prices, Set.of());
	}

	/** A model with input and output prices only. */
	public static ModelPrice of(String model, BigDecimal input, BigDecimal output) {
		return of(model, null, null,
				Map.of(PriceBucket.INPUT.field(), input, PriceBucket.OUTPUT.field(), output));
	}

	/** The catalog key, e.g. {@code gpt-4o} or {@code groq/llama-3.3-70b-versatile}. */
	public String model() {
		return this.model;
	}

	/** LiteLLM's {@code litellm_provider}, when given. */
	public @Nullable String provider() {
		return this.provider;
	}

	/** LiteLLM's {@code mode} ({@code chat}, {@code embedding}, ...), when given. */
	public @Nullable String mode() {
		return this.mode;
	}

	/** The entry's prices in USD per token, by LiteLLM field name, as read. */
	public Map<String, BigDecimal> prices() {
		return this.prices;
	}

	/** {@code input_cost_per_token}. */
	public BigDecimal input() {
		return this.prices.get(PriceBucket.INPUT.field());
	}

	/** {@code output_cost_per_token}. */
	public BigDecimal output() {
		return this.prices.get(PriceBucket.OUTPUT.field());
	}

	Rates ratesFor(ServiceTier tier, long totalInput) {
		return this.rates.ratesFor(tier, totalInput);
	}

	/** Whether the entry prices {@code tier} apart from the standard prices. */
	boolean prices(ServiceTier tier) {
		return this.rates.prices(tier);
	}

	Set<PriceBucket> flat() {
		return this.flat;
	}

	ModelPrice withModel(String model) {
		return new ModelPrice(model, this.provider, this.mode, this.prices, this.flat);
	}

	@Override
	public String toString() {
		return "ModelPrice[" + this.model + " " + this.prices + "]";
	}

}
