package io.tokensense.pricing;

import java.math.BigDecimal;
import java.util.Optional;

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
 * + cache reads × cache read price (input price when absent)
 * + 5-minute cache writes × cache write price (input price when absent)
 * + 1-hour cache writes × 1-hour write price (cache write price when absent)
 * + visible output × output
 * + reasoning × reasoning price (output price when absent)
 * </pre>
 * When the total input (cache included) strictly exceeds a long-context threshold, the
 * prices of the highest such tier replace the base prices for the whole call, where given.
 */
public final class CostCalculator {

	private final PriceCatalog catalog;

	public CostCalculator(PriceCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * The cost of one call.
	 * @param provider the provider name ({@code openai}, {@code anthropic}, {@code groq}, ...)
	 * @param requestModel the model asked for
	 * @param responseModel the model the provider reports
	 * @param usage the token counts, {@code null} when the provider reported none
	 * @return the cost, or the reason there is none; never throws on odd counts
	 */
	public Pricing price(String provider, @Nullable String requestModel, @Nullable String responseModel,
			@Nullable TokenUsage usage) {
		if (usage == null) {
			return Pricing.noUsage();
		}
		Optional<ModelPrice> price = this.catalog.find(provider, responseModel);
		String model = responseModel;
		if (price.isEmpty()) {
			price = this.catalog.find(provider, requestModel);
			model = requestModel;
		}
		if (price.isEmpty() || model == null) {
			return Pricing.unknownModel();
		}
		return new Pricing(cost(price.get(), usage), PricingStatus.PRICED, model);
	}

	static BigDecimal cost(ModelPrice price, TokenUsage usage) {
		LongContextPrice tier = price.longContextFor(usage.input());
		BigDecimal input = firstOf(tier != null ? tier.input() : null, price.input());
		BigDecimal output = firstOf(tier != null ? tier.output() : null, price.output());
		BigDecimal cacheRead = firstOf(tier != null ? tier.cacheRead() : null, price.cacheRead(), input);
		BigDecimal cacheWrite = firstOf(tier != null ? tier.cacheWrite() : null, price.cacheWrite(), input);
		BigDecimal cacheWrite1h = firstOf(tier != null ? tier.cacheWrite1h() : null, price.cacheWrite1h(), cacheWrite);
		BigDecimal reasoning = firstOf(price.reasoning(), output);
		// empty buckets are skipped: most calls have no cache writes or reasoning
		BigDecimal total = plus(BigDecimal.ZERO, usage.uncachedInput(), input);
		total = plus(total, usage.cacheRead(), cacheRead);
		total = plus(total, usage.cacheWrite() - usage.cacheWrite1h(), cacheWrite);
		total = plus(total, usage.cacheWrite1h(), cacheWrite1h);
		total = plus(total, usage.visibleOutput(), output);
		return plus(total, usage.reasoning(), reasoning);
	}

	private static BigDecimal plus(BigDecimal total, long tokens, BigDecimal price) {
		return (tokens == 0) ? total : total.add(times(tokens, price));
	}

	private static BigDecimal times(long tokens, BigDecimal price) {
		return BigDecimal.valueOf(tokens).multiply(price);
	}

	private static BigDecimal firstOf(@Nullable BigDecimal first, BigDecimal fallback) {
		return (first != null) ? first : fallback;
	}

	private static BigDecimal firstOf(@Nullable BigDecimal first, @Nullable BigDecimal second, BigDecimal fallback) {
		return (first != null) ? first : firstOf(second, fallback);
	}

}
