package io.tokensense.sample;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The per-token prices of the sample's three models, copied by hand from the LiteLLM snapshot
 * the catalog is checked against ({@code shared/data/litellm-model-prices-2026-07-24.json}), so
 * the tests compute a cost without TokenSense's catalog.
 *
 * @param input {@code input_cost_per_token}
 * @param output {@code output_cost_per_token}
 */
record SnapshotPrices(BigDecimal input, BigDecimal output) {

	private static final Map<String, SnapshotPrices> BY_MODEL = Map.of(
			// snapshot entry "gpt-4o-mini"
			"gpt-4o-mini", new SnapshotPrices(new BigDecimal("1.5e-07"), new BigDecimal("6e-07")),
			// snapshot entry "claude-haiku-4-5"
			"claude-haiku-4-5", new SnapshotPrices(new BigDecimal("1e-06"), new BigDecimal("5e-06")),
			// snapshot entry "groq/llama-3.3-70b-versatile"
			"llama-3.3-70b-versatile", new SnapshotPrices(new BigDecimal("5.9e-07"), new BigDecimal("7.9e-07")));

	static SnapshotPrices of(String model) {
		SnapshotPrices prices = BY_MODEL.get(model);
		if (prices == null) {
			throw new IllegalArgumentException("no snapshot prices written down for " + model);
		}
		return prices;
	}

	/** Uncached input and plain output: the fake provider reports no cache or reasoning tokens. */
	BigDecimal cost(long inputTokens, long outputTokens) {
		return this.input.multiply(BigDecimal.valueOf(inputTokens))
			.add(this.output.multiply(BigDecimal.valueOf(outputTokens)));
	}

}
