package io.tokensense.internal.provider;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns a token count written as any JSON number ({@code 1.0e3}, {@code 99999999999999999999},
 * {@code 1e400}) into a {@code long} without throwing: fractions are dropped, a count too large
 * for a {@code long} (infinity included) becomes {@link Long#MAX_VALUE} and one too negative
 * becomes 0; what cannot be read as a number at all is 0, like a count the provider did not
 * report. {@link io.tokensense.internal.pricing.TokenUsage} clamps what is left of negatives.
 */
public final class TokenCounts {

	/** 2<sup>63</sup>: the first double that no {@code long} holds. */
	private static final double LONG_LIMIT = 0x1p63;

	private TokenCounts() {
	}

	public static long of(Number number) {
		if (number instanceof Long || number instanceof Integer || number instanceof Short
				|| number instanceof Byte) {
			return number.longValue();
		}
		if (number instanceof Double || number instanceof Float) {
			return ofDouble(number.doubleValue());
		}
		try {
			return ofWhole(new BigDecimal(number.toString()).toBigInteger());
		}
		catch (RuntimeException ex) {
			// a Number whose text is no decimal: nothing to count
			return 0;
		}
	}

	private static long ofDouble(double value) {
		if (Double.isNaN(value)) {
			return 0;
		}
		if (value >= LONG_LIMIT) {
			return Long.MAX_VALUE;
		}
		// the cast drops the fraction; below Long.MIN_VALUE is too negative to be a count
		return (value < -LONG_LIMIT) ? 0 : (long) value;
	}

	private static long ofWhole(BigInteger whole) {
		if (whole.bitLength() >= Long.SIZE) {
			return (whole.signum() < 0) ? 0 : Long.MAX_VALUE;
		}
		return whole.longValue();
	}

}
