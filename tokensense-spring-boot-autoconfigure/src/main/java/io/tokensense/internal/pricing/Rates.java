package io.tokensense.internal.pricing;

import java.math.BigDecimal;

/**
 * The per-token price of each {@link PriceBucket} for calls of one service tier above one
 * long-context threshold, every fallback and derivation already applied ({@link RateTable}).
 */
final class Rates {

	private final BigDecimal[] prices;

	/** Whether each price is the catalog's or scaled from one, rather than another bucket's price. */
	private final boolean[] given;

	Rates(BigDecimal[] prices, boolean[] given) {
		this.prices = prices;
		this.given = given;
	}

	BigDecimal get(PriceBucket bucket) {
		return this.prices[bucket.ordinal()];
	}

	boolean given(PriceBucket bucket) {
		return this.given[bucket.ordinal()];
	}

}
