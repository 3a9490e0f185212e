package io.tokensense.internal.pricing;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tokensense.PricingStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Costs computed by hand from the literal LiteLLM prices (USD per token) written in each test.
 */
class CostCalculatorTest {

	private final CostCalculator calculator = new CostCalculator(PriceCatalog.bundled());

	@Test
	void pricesOpenAiCachedAndReasoningTokens() {
		// o4-mini: input 1.1e-06, cache read 2.75e-07, output 4.4e-06, no reasoning price
		Pricing pricing = this.calculator.price("openai", "o4-mini", "o4-mini-2025-04-16",
				new TokenUsage(10_000, 3_000, 4_000, 0, 0, 2_000));
		BigDecimal expected = cost(6_000, "1.1e-06", 4_000, "2.75e-07", 1_000, "4.4e-06", 2_000, "4.4e-06");
		assertThat(expected).isEqualByComparingTo("0.0209");
		assertPriced(pricing, expected, "o4-mini-2025-04-16");
	}

	@Test
	void pricesAnthropicCacheReadsAndFiveMinuteAndOneHourWrites() {
		// claude-sonnet-4-5: input 3e-06, read 3e-07, write 3.75e-06, 1h write 6e-06, output 1.5e-05
		Pricing pricing = this.calculator.price("anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929",
				new TokenUsage(26_000, 500, 20_000, 5_000, 2_000, 0));
		BigDecimal expected = cost(1_000, "3e-06", 20_000, "3e-07", 3_000, "3.75e-06", 2_000, "6e-06", 500, "1.5e-05");
		assertThat(expected).isEqualByComparingTo("0.03975");
		assertPriced(pricing, expected, "claude-sonnet-4-5-20250929");
	}

	@Test
	void pricesTheWholeCallAtLongContextPricesAboveTheThreshold() {
		// above 200k: input 6e-06, read 6e-07, write 7.5e-06, 1h write 1.2e-05, output 2.25e-05
		Pricing pricing = this.calculator.price("anthropic", "claude-sonnet-4-5", null,
				new TokenUsage(250_000, 1_000, 40_000, 10_000, 4_000, 0));
		BigDecimal expected = cost(200_000, "6e-06", 40_000, "6e-07", 6_000, "7.5e-06", 4_000, "1.2e-05", 1_000,
				"2.25e-05");
		assertThat(expected).isEqualByComparingTo("1.3395");
		assertPriced(pricing, expected, "claude-sonnet-4-5");
	}

	@Test
	void appliesLongContextPricesOnlyWhenInputStrictlyExceedsTheThreshold() {
		assertThat(costOf("anthropic", "claude-sonnet-4-5", TokenUsage.of(200_000, 0))).isEqualByComparingTo("0.6");
		assertThat(costOf("anthropic", "claude-sonnet-4-5", TokenUsage.of(200_001, 0)))
			.isEqualByComparingTo("1.200006");
	}

	@Test
	void resolvesDatedAndAliasNames() {
		// gpt-4o 2.5e-06 / 1e-05, but the 2024-05-13 snapshot has its own 5e-06 / 1.5e-05
		assertThat(costOf("openai", "gpt-4o-2024-08-06", TokenUsage.of(1_000, 100))).isEqualByComparingTo("0.0035");
		assertThat(costOf("openai", "gpt-4o-2024-05-13", TokenUsage.of(1_000, 100))).isEqualByComparingTo("0.0065");
		// claude-haiku-4-5 1e-06 / 5e-06; claude-3-5-haiku 8e-07
		assertThat(costOf("anthropic", "claude-haiku-4-5-20251001", TokenUsage.of(1_000, 1_000)))
			.isEqualByComparingTo("0.006");
		assertThat(costOf("anthropic", "claude-3-5-haiku-latest", TokenUsage.of(1_000_000, 0)))
			.isEqualByComparingTo("0.8");
	}

	@Test
	void resolvesGroqModelsWithTheProviderPrefix() {
		// llama-3.3-70b-versatile 5.9e-07 / 7.9e-07, llama-3.1-8b-instant 5e-08 / 8e-08, gpt-oss-120b 1.5e-07 / 6e-07
		assertThat(costOf("groq", "llama-3.3-70b-versatile", TokenUsage.of(1_000_000, 1_000_000)))
			.isEqualByComparingTo("1.38");
		assertThat(costOf("groq", "groq/llama-3.1-8b-instant", TokenUsage.of(1_000_000, 1_000_000)))
			.isEqualByComparingTo("0.13");
		assertThat(costOf("groq", "openai/gpt-oss-120b", TokenUsage.of(1_000_000, 1_000_000)))
			.isEqualByComparingTo("0.75");
	}

	@Test
	void reportsUnknownModelWithoutGuessing() {
		TokenUsage usage = TokenUsage.of(10, 10);
		assertThat(this.calculator.price("openai", "gpt-4o-ultra", null, usage))
			.isEqualTo(new Pricing(null, PricingStatus.UNKNOWN_MODEL, null));
		assertThat(this.calculator.price("openai", "gpt-4o-mini-tts", null, usage).status())
			.isEqualTo(PricingStatus.UNKNOWN_MODEL);
		assertThat(this.calculator.price("openai", "llama-3.3-70b-versatile", null, usage).status())
			.isEqualTo(PricingStatus.UNKNOWN_MODEL);
		assertThat(this.calculator.price("openai", null, null, usage).status()).isEqualTo(PricingStatus.UNKNOWN_MODEL);
	}

	@Test
	void reportsNoUsageWhenUsageIsMissing() {
		assertThat(this.calculator.price("openai", "gpt-4o", "gpt-4o", null))
			.isEqualTo(new Pricing(null, PricingStatus.NO_USAGE, null));
	}

	@Test
	void pricesTheResponseModelWhenKnownElseTheRequestModel() {
		TokenUsage usage = TokenUsage.of(1_000_000, 0);
		// gpt-4o-mini input 1.5e-07, gpt-4o input 2.5e-06
		assertPriced(this.calculator.price("openai", "gpt-4o", "gpt-4o-mini", usage), new BigDecimal("0.15"),
				"gpt-4o-mini");
		assertPriced(this.calculator.price("openai", "gpt-4o", "ft:gpt-4o:acme::abc", usage), new BigDecimal("2.5"),
				"gpt-4o");
		assertPriced(this.calculator.price("openai", "gpt-4o", null, usage), new BigDecimal("2.5"), "gpt-4o");
	}

	@Test
	void appliesPerMillionOverrides() {
		PriceCatalog catalog = PriceCatalog.bundled()
			.withOverrides(Map.of("gpt-4o",
					new PriceOverride(new BigDecimal("2"), new BigDecimal("8"), null, null, null), "claude-sonnet-4-5",
					new PriceOverride(BigDecimal.ONE, null, null, null, null)));
		CostCalculator overridden = new CostCalculator(catalog);
		// 600 uncached × 2e-06 + 400 reads × 1.25e-06 (catalog) + 500 output × 8e-06
		assertThat(overridden.price("openai", "gpt-4o-2024-11-20", null, new TokenUsage(1_000, 500, 400, 0, 0, 0))
			.costUsd()).isEqualByComparingTo(cost(600, "2e-06", 400, "1.25e-06", 500, "8e-06"));
		// an overridden input price holds above 200k too
		assertThat(overridden.price("anthropic", "claude-sonnet-4-5", null, TokenUsage.of(250_000, 0)).costUsd())
			.isEqualByComparingTo("0.25");
	}

	@Test
	void letsAnExtensionCatalogReplaceBundledEntries() {
		String json = """
				{"gpt-4o": {"litellm_provider": "openai", "mode": "chat",
				            "input_cost_per_token": 1e-06, "output_cost_per_token": 2E-6},
				 "reasoner": {"input_cost_per_token": 0.000001, "output_cost_per_token": 1e-06,
				              "output_cost_per_reasoning_token": 5e-06}}
				""";
		PriceCatalog extension = PriceCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
		CostCalculator extended = new CostCalculator(PriceCatalog.bundled().extendedBy(extension));
		assertThat(extended.price("openai", "gpt-4o", null, TokenUsage.of(1_000, 1_000)).costUsd())
			.isEqualByComparingTo("0.003");
		assertThat(extended.price("openai", "gpt-4o-mini", null, TokenUsage.of(1_000_000, 0)).costUsd())
			.isEqualByComparingTo("0.15");
		assertThat(extended.price("custom", "reasoner", null, new TokenUsage(100, 1_000, 0, 0, 0, 600)).costUsd())
			.isEqualByComparingTo(cost(100, "1e-06", 400, "1e-06", 600, "5e-06"));
	}

	@Test
	void pricesEmbeddingsByInputOnly() {
		// text-embedding-3-small: 2e-08 input, output 0
		assertThat(costOf("openai", "text-embedding-3-small", TokenUsage.of(1_000_000, 10)))
			.isEqualByComparingTo("0.02");
	}

	@Test
	void chargesCacheReadsAtInputPriceWhenTheModelHasNoCachePrice() {
		// groq/llama-3.3-70b-versatile lists no cache price: 5.9e-07 for every input token
		assertThat(costOf("groq", "llama-3.3-70b-versatile", new TokenUsage(1_000, 0, 500, 0, 0, 0)))
			.isEqualByComparingTo("0.00059");
	}

	@Test
	void neverThrowsOnHugeOrNegativeCounts() {
		TokenUsage huge = new TokenUsage(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
				Long.MAX_VALUE, Long.MAX_VALUE);
		assertThatNoException().isThrownBy(() -> this.calculator.price("anthropic", "claude-sonnet-4-5", null, huge));
		// all input is a cache read, all output reasoning, at the long-context 6e-07 and 2.25e-05
		BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE);
		assertThat(costOf("anthropic", "claude-sonnet-4-5", huge))
			.isEqualByComparingTo(max.multiply(new BigDecimal("6e-07")).add(max.multiply(new BigDecimal("2.25e-05"))));
		assertThat(costOf("openai", "gpt-4o", new TokenUsage(-5, -1, -1, -1, -1, -1))).isEqualByComparingTo("0");
	}

	private BigDecimal costOf(String provider, String model, TokenUsage usage) {
		Pricing pricing = this.calculator.price(provider, model, null, usage);
		assertThat(pricing.status()).as("status of %s", model).isEqualTo(PricingStatus.PRICED);
		return pricing.costUsd();
	}

	private static void assertPriced(Pricing pricing, BigDecimal expected, String model) {
		assertThat(pricing.status()).isEqualTo(PricingStatus.PRICED);
		assertThat(pricing.pricedModel()).isEqualTo(model);
		assertThat(pricing.costUsd()).isEqualByComparingTo(expected);
	}

	/** Sum of token count × literal price pairs. */
	private static BigDecimal cost(Object... countsAndPrices) {
		BigDecimal sum = BigDecimal.ZERO;
		for (int i = 0; i < countsAndPrices.length; i += 2) {
			long tokens = ((Number) countsAndPrices[i]).longValue();
			sum = sum.add(BigDecimal.valueOf(tokens).multiply(new BigDecimal((String) countsAndPrices[i + 1])));
		}
		return sum;
	}

}
