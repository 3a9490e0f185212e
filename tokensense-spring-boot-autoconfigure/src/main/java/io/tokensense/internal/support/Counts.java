package io.tokensense.internal.support;

/** Token arithmetic that never throws: counts come from providers and may be anything. */
public final class Counts {

	private Counts() {
	}

	/**
	 * {@code a + b} for non-negative counts, clamped at {@link Long#MAX_VALUE}.
	 * @param a a count
	 * @param b another count
	 * @return the sum, or {@link Long#MAX_VALUE} when it overflows
	 */
	public static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

}
