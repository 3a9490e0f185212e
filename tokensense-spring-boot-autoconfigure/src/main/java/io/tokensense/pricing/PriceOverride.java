package io.tokensense.pricing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Single prices that replace a catalog's, in USD per <em>million</em> tokens, as set with
 * {@code tokensense.pricing.models.<model>.*}. A {@code null} price keeps the catalog's.
 *
 * <p>An overridden price applies at every context length: the catalog's long-context price
 * for the same bucket is dropped, since a negotiated price should not be silently replaced
 * above a threshold the user never mentioned.
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

	/** This override applied to a catalog entry, keeping its name. */
	ModelPrice applyTo(ModelPrice base) {
		TreeMap<Long, LongContextPrice> longContext = new TreeMap<>();
		for (Map.Entry<Long, LongContextPrice> entry : base.longContext().entrySet()) {
			LongContextPrice tier = entry.getValue();
			LongContextPrice kept = new LongContextPrice((this.input != null) ? null : tier.input(),
					(this.output != null) ? null : tier.output(), (this.cacheRead != null) ? null : tier.cacheRead(),
					(this.cacheWrite != null) ? null : tier.cacheWrite(), tier.cacheWrite1h());
			if (!kept.isEmpty()) {
				longContext.put(entry.getKey(), kept);
			}
		}
		return new ModelPrice(base.model(), base.provider(), base.mode(), perToken(this.input, base.input()),
				perToken(this.output, base.output()), perToken(this.cacheRead, base.cacheRead()),
				perToken(this.cacheWrite, base.cacheWrite()), base.cacheWrite1h(),
				perToken(this.reasoning, base.reasoning()), longContext);
	}

	/** A new catalog entry for a model the catalog does not know. */
	ModelPrice toModelPrice(String model) {
		if (this.input == null || this.output == null) {
			throw new IllegalArgumentException("Price override for '" + model
					+ "' matches no catalog entry, so it must set both 'input' and 'output' "
					+ "(or name the catalog entry, e.g. 'groq/llama-3.3-70b-versatile')");
		}
		return new ModelPrice(model, null, null, perToken(this.input), perToken(this.output), perToken(this.cacheRead),
				perToken(this.cacheWrite), null, perToken(this.reasoning), new TreeMap<>());
	}

	private static @Nullable BigDecimal perToken(@Nullable BigDecimal perMillion, @Nullable BigDecimal fallback) {
		return (perMillion != null) ? perToken(perMillion) : fallback;
	}

	private static @Nullable BigDecimal perToken(@Nullable BigDecimal perMillion) {
		return (perMillion != null) ? perMillion.movePointLeft(MILLION_EXPONENT) : null;
	}

	private static void requireNonNegative(String name, @Nullable BigDecimal price) {
		if (price != null && price.signum() < 0) {
			throw new IllegalArgumentException("Price override '" + name + "' must not be negative, was " + price);
		}
	}

}
