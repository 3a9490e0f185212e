package io.tokensense.internal.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@link Rates} of one model for every service tier and long-context threshold its catalog
 * entry names, derived once when the entry is read so that pricing a call is two map lookups.
 *
 * <p>Rules, in order, for the price of a bucket in the sheet of tier <i>t</i> above threshold <i>n</i>:
 * <ol>
 * <li>The catalog's own field for it ({@code <bucket>_above_<n>k_tokens_<t>}).</li>
 * <li>Base prices (standard tier, no threshold) fall back within the sheet: cache read → input
 * ({@code input_cost_per_token_cache_hit} is read as the cache read price where
 * {@code cache_read_input_token_cost} is absent), cache write → input, one-hour cache write → cache
 * write, reasoning → output.</li>
 * <li>Any other sheet takes the price of its parent sheet for that bucket scaled by the sheet's
 * ratio: the parent of a standard long-context sheet is the base; of a tier's sheet, the standard
 * sheet for the same threshold. The ratio is the sheet's input price over its parent's (its output
 * price over its parent's when it gives no input price); a tier's long-context sheet giving
 * neither uses the tier's own ratio at no threshold; a sheet with no ratio at all scales by 1. So
 * above 200k tokens, Anthropic's one-hour cache write (2 × the input price) becomes 2 × the
 * long-context input price, never the cheaper base one-hour price.</li>
 * <li>A parent price that itself came from another bucket (rule 2) is not scaled: the bucket
 * falls back within the sheet instead, so an OpenAI cache write stays the sheet's input price.</li>
 * <li>A bucket whose base price was overridden by the user is flat: its base price applies in
 * every sheet.</li>
 * </ol>
 * A call uses the sheet of its tier when the entry names that tier at all, else the standard
 * sheets; within them, the one with the highest threshold its total input strictly exceeds.
 */
final class RateTable {

	/**
	 * Each tier's sheets by ascending threshold (the first at 0), by tier ordinal; {@code null}
	 * for a tier the entry does not name. Arrays rather than the maps they were derived in, so
	 * that pricing a call allocates nothing (no boxed threshold, no exported map entry).
	 */
	private final @Nullable Sheets[] sheets;

	private RateTable(Map<ServiceTier, NavigableMap<Long, Rates>> sheets) {
		this.sheets = new Sheets[ServiceTier.values().length];
		sheets.forEach((tier, byThreshold) -> this.sheets[tier.ordinal()] = Sheets.of(byThreshold));
	}

	/**
	 * Derives every sheet.
	 * @param fields the entry's prices, keyed by field; must hold the base input and output prices
	 * @param flat buckets whose base price applies everywhere
	 */
	static RateTable derive(Map<PriceField, BigDecimal> fields, Set<PriceBucket> flat) {
		Map<ServiceTier, NavigableMap<Long, BigDecimal[]>> given = new EnumMap<>(ServiceTier.class);
		fields.forEach((field, price) -> given.computeIfAbsent(field.tier(), (tier) -> new TreeMap<>())
			.computeIfAbsent(field.threshold(), (threshold) -> new BigDecimal[PriceBucket.values().length])
			[field.bucket().ordinal()] = price);
		NavigableMap<Long, BigDecimal[]> standardGiven = given.getOrDefault(ServiceTier.STANDARD, new TreeMap<>());
		Rates base = sheet(standardGiven.get(0L), null, null, flat, null);
		NavigableMap<Long, Rates> standard = new TreeMap<>();
		standard.put(0L, base);
		standardGiven.forEach((threshold, prices) -> {
			if (threshold > 0) {
				standard.put(threshold, sheet(prices, base, null, flat, base));
			}
		});
		Map<ServiceTier, NavigableMap<Long, Rates>> sheets = new EnumMap<>(ServiceTier.class);
		sheets.put(ServiceTier.STANDARD, standard);
		given.forEach((tier, byThreshold) -> {
			if (tier != ServiceTier.STANDARD) {
				BigDecimal[] atBase = byThreshold.get(0L);
				Ratio tierRatio = Ratio.of(atBase, base);
				NavigableMap<Long, Rates> rates = new TreeMap<>();
				rates.put(0L, sheet(atBase, base, null, flat, base));
				TreeMap<Long, Boolean> thresholds = new TreeMap<>();
				standard.keySet().forEach((threshold) -> thresholds.put(threshold, true));
				byThreshold.keySet().forEach((threshold) -> thresholds.put(threshold, true));
				for (long threshold : thresholds.keySet()) {
					if (threshold > 0) {
						Rates parent = standard.floorEntry(threshold).getValue();
						rates.put(threshold, sheet(byThreshold.get(threshold), parent, tierRatio, flat, base));
					}
				}
				sheets.put(tier, rates);
			}
		});
		return new RateTable(sheets);
	}

	/** The rates of a call of {@code tier} with {@code totalInput} input tokens. */
	Rates ratesFor(ServiceTier tier, long totalInput) {
		Sheets rates = this.sheets[tier.ordinal()];
		if (rates == null) {
			rates = this.sheets[ServiceTier.STANDARD.ordinal()];
		}
		return rates.above(totalInput);
	}

	/** Whether the entry prices {@code tier} apart from the standard tier. */
	boolean prices(ServiceTier tier) {
		return this.sheets[tier.ordinal()] != null;
	}

	/** One tier's sheets: {@code rates[i]} applies strictly above {@code thresholds[i]} tokens. */
	private record Sheets(long[] thresholds, Rates[] rates) {

		static Sheets of(NavigableMap<Long, Rates> byThreshold) {
			long[] thresholds = new long[byThreshold.size()];
			Rates[] rates = new Rates[thresholds.length];
			int i = 0;
			for (Map.Entry<Long, Rates> sheet : byThreshold.entrySet()) {
				thresholds[i] = sheet.getKey();
				rates[i] = sheet.getValue();
				i++;
			}
			return new Sheets(thresholds, rates);
		}

		/** The sheet of the highest threshold {@code totalInput} strictly exceeds, else the one at 0. */
		Rates above(long totalInput) {
			for (int i = this.thresholds.length - 1; i > 0; i--) {
				if (this.thresholds[i] < totalInput) {
					return this.rates[i];
				}
			}
			return this.rates[0];
		}

	}

	/**
	 * One sheet.
	 * @param prices the catalog's prices of this sheet, by bucket ordinal, or {@code null}
	 * @param parent the sheet derived prices scale from; {@code null} for the base sheet
	 * @param fallbackRatio the ratio when this sheet gives none
	 * @param base the base sheet, for flat buckets
	 */
	private static Rates sheet(BigDecimal @Nullable [] prices, @Nullable Rates parent, @Nullable Ratio fallbackRatio,
			Set<PriceBucket> flat, @Nullable Rates base) {
		BigDecimal[] given = (prices != null) ? prices : new BigDecimal[PriceBucket.values().length];
		Ratio ratio = (parent != null) ? Ratio.of(given, parent) : null;
		if (ratio == null) {
			ratio = (fallbackRatio != null) ? fallbackRatio : Ratio.ONE;
		}
		BigDecimal[] resolved = new BigDecimal[given.length];
		boolean[] fromCatalog = new boolean[given.length];
		for (PriceBucket bucket : PriceBucket.values()) {
			int i = bucket.ordinal();
			if (given[i] != null) {
				resolved[i] = given[i];
				fromCatalog[i] = true;
			}
			else if (base != null && flat.contains(bucket)) {
				resolved[i] = base.get(bucket);
				fromCatalog[i] = base.given(bucket);
			}
			else if (parent != null && parent.given(bucket)) {
				resolved[i] = ratio.applyTo(parent.get(bucket));
				fromCatalog[i] = true;
			}
			else {
				resolved[i] = fallback(bucket, resolved);
			}
		}
		return new Rates(resolved, fromCatalog);
	}

	private static BigDecimal fallback(PriceBucket bucket, BigDecimal[] resolved) {
		PriceBucket from = switch (bucket) {
			case CACHE_READ, CACHE_WRITE -> PriceBucket.INPUT;
			case CACHE_WRITE_1H -> PriceBucket.CACHE_WRITE;
			case REASONING -> PriceBucket.OUTPUT;
			default -> throw new IllegalArgumentException("no " + bucket.field());
		};
		return resolved[from.ordinal()];
	}

	/** A sheet's price over its parent's, applied as {@code price × numerator / denominator}. */
	private record Ratio(BigDecimal numerator, BigDecimal denominator) {

		static final Ratio ONE = new Ratio(BigDecimal.ONE, BigDecimal.ONE);

		static @Nullable Ratio of(BigDecimal @Nullable [] prices, Rates parent) {
			if (prices == null) {
				return null;
			}
			for (PriceBucket bucket : new PriceBucket[] { PriceBucket.INPUT, PriceBucket.OUTPUT }) {
				BigDecimal price = prices[bucket.ordinal()];
				if (price != null && parent.get(bucket).signum() != 0) {
					return new Ratio(price, parent.get(bucket));
				}
			}
			return null;
		}

		BigDecimal applyTo(BigDecimal price) {
			if (this == ONE) {
				return price;
			}
			BigDecimal product = price.multiply(this.numerator);
			try {
				return product.divide(this.denominator);
			}
			catch (ArithmeticException ex) {
				// a ratio such as 1/3 has no exact decimal: 34 significant digits
				return product.divide(this.denominator, MathContext.DECIMAL128);
			}
		}

	}

}
