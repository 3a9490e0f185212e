package io.tokensense.pricing;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Per-token prices (USD) that replace a model's base prices for a whole call once its input
 * crosses a threshold, read from LiteLLM's {@code *_above_Nk_tokens} fields. A {@code null}
 * price keeps the base price.
 *
 * @param input price of an uncached input token
 * @param output price of an output token
 * @param cacheRead price of an input token read from the cache
 * @param cacheWrite price of an input token written to the cache
 * @param cacheWrite1h price of an input token written to the cache for one hour
 */
public record LongContextPrice(@Nullable BigDecimal input, @Nullable BigDecimal output,
		@Nullable BigDecimal cacheRead, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal cacheWrite1h) {

	/** Whether no price is set at all. */
	boolean isEmpty() {
		return this.input == null && this.output == null && this.cacheRead == null && this.cacheWrite == null
				&& this.cacheWrite1h == null;
	}

}
