package io.tokensense.it.springai;

import java.math.BigDecimal;

/**
 * Prices per token from the LiteLLM snapshot (litellm-model-prices-2026-07-24.json), written
 * here by hand so that each expected cost is computed apart from the product's catalog.
 */
final class SnapshotPrices {

	static final BigDecimal GPT_4O_MINI_INPUT = new BigDecimal("1.5e-7");

	static final BigDecimal GPT_4O_MINI_CACHE_READ = new BigDecimal("7.5e-8");

	static final BigDecimal GPT_4O_MINI_OUTPUT = new BigDecimal("6e-7");

	static final BigDecimal CLAUDE_HAIKU_4_5_INPUT = new BigDecimal("1e-6");

	static final BigDecimal CLAUDE_HAIKU_4_5_CACHE_READ = new BigDecimal("1e-7");

	static final BigDecimal CLAUDE_HAIKU_4_5_CACHE_WRITE = new BigDecimal("1.25e-6");

	static final BigDecimal CLAUDE_HAIKU_4_5_OUTPUT = new BigDecimal("5e-6");

	static final BigDecimal TEXT_EMBEDDING_3_SMALL_INPUT = new BigDecimal("2e-8");

	private SnapshotPrices() {
	}

	static BigDecimal times(long tokens, BigDecimal price) {
		return BigDecimal.valueOf(tokens).multiply(price);
	}

}
