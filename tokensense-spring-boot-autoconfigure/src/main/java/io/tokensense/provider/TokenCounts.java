package io.tokensense.provider;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns a token count written as any JSON number ({@code 1.0e3}, {@code 99999999999999999999})
 * into a {@code long} without throwing: fractions are dropped, a count too large for a
 * {@code long} becomes {@link Long#MAX_VALUE} and one too negative becomes 0.
 * {@link io.tokensense.pricing.TokenUsage} clamps what is left of negatives.
 */
public final class TokenCounts {

	private TokenCounts() {
	}

	public static long of(Number number) {
		if (number instanceof Long || number instanceof Integer || number instanceof Short) {
			return number.longValue();
		}
		BigInteger whole = new BigDecimal(number.toString()).toBigInteger();
		if (whole.bitLength() >= Long.SIZE) {
			return (whole.signum() < 0) ? 0 : Long.MAX_VALUE;
		}
		return whole.longValue();
	}

}
