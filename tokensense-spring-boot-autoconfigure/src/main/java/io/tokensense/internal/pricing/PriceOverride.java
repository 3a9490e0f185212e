package io.tokensense.internal.pricing;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Single prices that replace a catalog's, in USD per <em>million</em> tokens, as set with
 * {@code tokensense.pricing.models.<model>.*}. A {@code null} price keeps the catalog's.
 *
 * <p>An overridden price applies at every context length and service tier: the catalog's
 * long-context and tier prices for the same bucket are dropped, since a negotiated price should
 * not be silently replaced above a threshold the user never mentioned.
 *
 * @param input price of an uncached input token
 * @param output price of an output token
 * @param cacheRead price of an input token read from the cache
 * @param cacheWrite price of an input token written to the cache
 * @param reasoning price of a reasoning output token
 */
public record PriceOverride(@Nullable BigDecimal input, @Nullable BigDecimal output, @Nullable BigDecimal cacheRead,
		@Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning) {

	private static final int MILLION_EXPONENT = 6;

	public PriceOverride {
		requireNonNegative("input", input);
		requireNonNegative("output", output);
		requireNonNegative("cache-read", cacheRead);
		requireNonNegative("cache-write", cacheWrite);
		requireNonNegative("reasoning", reasoning);
	}

	/**
	 * This override applied to a catalog entry, keeping its name: each price given replaces the
	 * bucket's base price and every long-context and tier price of that bucket, and is flat (the
	 * same at every context length and tier).
	 */
	ModelPrice applyTo(ModelPrice base) {
		Map<PriceBucket, BigDecimal> given = given();
		Map<String, BigDecimal> prices = new LinkedHashMap<>();
		base.prices().forEach((name, price) -> {
			PriceField field = PriceField.parse(name);
			if (field == null || !given.containsKey(field.bucket())) {
				prices.put(name, price);
			}
		});
		given.forEach((bucket, price) -> prices.put(bucket.field(), price));
		Set<PriceBucket> flat = EnumSet.noneOf(PriceBucket.class);
		flat.addAll(base.flat());
		flat.addAll(given.keySet());
		return new ModelPrice(base.model(), base.provider(), base.mode(), prices, flat);
	}

	/** A new catalog entry for a model the catalog does not know. */
	ModelPrice toModelPrice(String model) {
		if (this.input == null || this.output == null) {
			throw new IllegalArgumentException("Price override for '" + model
					+ "' matches no catalog entry, so it must set both 'input' and 'output' "
					+ "(or name the catalog entry, e.g. 'groq/llama-3.3-70b-versatile')");
		}
		Map<String, BigDecimal> prices = new LinkedHashMap<>();
		given().forEach((bucket, price) -> prices.put(bucket.field(), price));
		return new ModelPrice(model, null, null, prices, Set.of());
	}

	/** The prices set, per token. */
	private Map<PriceBucket, BigDecimal> given() {
		Map<PriceBucket, BigDecimal> given = new EnumMap<>(PriceBucket.class);
		put(given, PriceBucket.INPUT, this.input);
		put(given, PriceBucket.OUTPUT, this.output);
		put(given, PriceBucket.CACHE_READ, this.cacheRead);
		put(given, PriceBucket.CACHE_WRITE, this.cacheWrite);
		put(given, PriceBucket.REASONING, this.reasoning);
		return given;
	}

	private static void put(Map<PriceBucket, BigDecimal> given, PriceBucket bucket, @Nullable BigDecimal perMillion) {
		if (perMillion != null) {
			given.put(bucket, perMillion.movePointLeft(MILLION_EXPONENT));
		}
	}

	private static void requireNonNegative(String name, @Nullable BigDecimal price) {
		if (price != null && price.signum() < 0) {
			throw new IllegalArgumentException("Price override '" + name + "' must not be negative, was " + price);
		}
	}

}
