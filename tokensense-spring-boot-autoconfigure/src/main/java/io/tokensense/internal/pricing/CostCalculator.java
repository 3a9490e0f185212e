package io.tokensense.internal.pricing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.tokensense.PricingStatus;
import org.jspecify.annotations.Nullable;

/**
 * Prices one call from its token usage with a {@link PriceCatalog}, exactly (no rounding).
 *
 * <p>The model priced is the response model when the catalog knows it (what was actually
 * served, e.g. a dated snapshot with its own price), else the request model. The cost adds
 * up exclusive buckets:
 * <pre>
 * uncached input × input
 * + cache reads × cache read price
 * + 5-minute cache writes × cache write price
 * + 1-hour cache writes × 1-hour write price
 * + visible output × output
 * + reasoning × reasoning price
 * </pre>
 * The prices are those of the call's service tier when the catalog entry names that tier
 * ({@code *_priority}, {@code *_flex}, {@code *_batches}), else the standard ones, and above the
 * highest long-context threshold the total input (cache included) strictly exceeds; a price the
 * entry lacks is derived, never taken from a cheaper bucket or tier, as {@link RateTable} states.
 */
public final class CostCalculator {

	private final Supplier<PriceCatalog> catalog;

	public CostCalculator(PriceCatalog catalog) {
		Objects.requireNonNull(catalog, "catalog must not be null");
		this.catalog = () -> catalog;
	}

	/**
	 * Prices with whatever catalog {@code catalog} holds at the time of each call, e.g. one
	 * refreshed in the background.
	 */
	public CostCalculator(Supplier<PriceCatalog> catalog) {
		this.catalog = catalog;
	}

	/**
	 * The cost of one call at the standard tier.
	 * @see #price(String, String, String, TokenUsage, String)
	 */
	public Pricing price(String provider, @Nullable String requestModel, @Nullable String responseModel,
			@Nullable TokenUsage usage) {
		return price(provider, requestModel, responseModel, usage, null);
	}

	/**
	 * The cost of one call.
	 * @param provider the provider name ({@code openai}, {@code anthropic}, {@code groq}, ...)
	 * @param requestModel the model asked for
	 * @param responseModel the model the provider reports
	 * @param usage the token counts, {@code null} when the provider reported none
	 * @param serviceTier the service tier the provider reported ({@code priority}, {@code flex},
	 * {@code batch}, {@code default}, ...), if any
	 * @return the cost, or the reason there is none; never throws on odd counts
	 */
	public Pricing price(String provider, @Nullable String requestModel, @Nullable String responseModel,
			@Nullable TokenUsage usage, @Nullable String serviceTier) {
		if (usage == null) {
			return Pricing.noUsage();
		}
		PriceCatalog prices = this.catalog.get();
		Optional<ModelPrice> price = prices.find(provider, responseModel);
		String model = responseModel;
		if (price.isEmpty()) {
			price = prices.find(provider, requestModel);
			model = requestModel;
		}
		if (price.isEmpty() || model == null) {
			return Pricing.unknownModel();
		}
		return new Pricing(cost(price.get(), usage, ServiceTier.of(serviceTier)), PricingStatus.PRICED, model);
	}

	/** The catalog prices are read from now. */
	public PriceCatalog catalog() {
		return this.catalog.get();
	}

	static BigDecimal cost(ModelPrice price, TokenUsage usage) {
		return cost(price, usage, ServiceTier.STANDARD);
	}

	static BigDecimal cost(ModelPrice price, TokenUsage usage, ServiceTier tier) {
		Rates rates = price.ratesFor(tier, usage.input());
		// empty buckets are skipped: most calls have no cache writes or reasoning
		BigDecimal total = plus(BigDecimal.ZERO, usage.uncachedInput(), rates.get(PriceBucket.INPUT));
		total = plus(total, usage.cacheRead(), rates.get(PriceBucket.CACHE_READ));
		total = plus(total, usage.cacheWrite() - usage.cacheWrite1h(), rates.get(PriceBucket.CACHE_WRITE));
		total = plus(total, usage.cacheWrite1h(), rates.get(PriceBucket.CACHE_WRITE_1H));
		total = plus(total, usage.visibleOutput(), rates.get(PriceBucket.OUTPUT));
		return plus(total, usage.reasoning(), rates.get(PriceBucket.REASONING));
	}

	private static BigDecimal plus(BigDecimal total, long tokens, BigDecimal price) {
		return (tokens == 0) ? total : total.add(BigDecimal.valueOf(tokens).multiply(price));
	}

}
