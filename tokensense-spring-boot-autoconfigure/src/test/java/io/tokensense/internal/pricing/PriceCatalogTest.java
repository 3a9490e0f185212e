package io.tokensense.internal.pricing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PriceCatalogTest {

	@Test
	void readsPricesAsExactDecimals() {
		ModelPrice gpt4o = PriceCatalog.bundled().find("openai", "gpt-4o").orElseThrow();
		assertThat(gpt4o.input()).isEqualByComparingTo("0.0000025");
		assertThat(gpt4o.output()).isEqualByComparingTo("0.00001");
		assertThat(gpt4o.prices().get("cache_read_input_token_cost")).isEqualByComparingTo("0.00000125");
		assertThat(gpt4o.provider()).isEqualTo("openai");
		assertThat(gpt4o.mode()).isEqualTo("chat");
	}

	@Test
	void readsLongContextPricesByThreshold() {
		ModelPrice sonnet = PriceCatalog.bundled().find("anthropic", "claude-sonnet-4-5").orElseThrow();
		Rates at = sonnet.ratesFor(ServiceTier.STANDARD, 200_000);
		Rates above = sonnet.ratesFor(ServiceTier.STANDARD, 200_001);
		assertThat(at.get(PriceBucket.INPUT)).isEqualByComparingTo("3e-06");
		assertThat(above.get(PriceBucket.INPUT)).isEqualByComparingTo("6e-06");
		assertThat(above.get(PriceBucket.OUTPUT)).isEqualByComparingTo("2.25e-05");
		assertThat(above.get(PriceBucket.CACHE_READ)).isEqualByComparingTo("6e-07");
		assertThat(above.get(PriceBucket.CACHE_WRITE)).isEqualByComparingTo("7.5e-06");
		assertThat(above.get(PriceBucket.CACHE_WRITE_1H)).isEqualByComparingTo("1.2e-05");
	}

	@Test
	void appliesTheHighestThresholdTheInputExceeds() {
		PriceCatalog catalog = load("""
				{"tiered": {"input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06,
				            "input_cost_per_token_above_256k_tokens": 4e-06,
				            "input_cost_per_token_above_128k_tokens": 2e-06}}
				""");
		CostCalculator calculator = new CostCalculator(catalog);
		assertThat(calculator.price("x", "tiered", null, TokenUsage.of(300_000, 0)).costUsd())
			.isEqualByComparingTo("1.2");
		assertThat(calculator.price("x", "tiered", null, TokenUsage.of(200_000, 0)).costUsd())
			.isEqualByComparingTo("0.4");
		assertThat(calculator.price("x", "tiered", null, TokenUsage.of(128_000, 0)).costUsd())
			.isEqualByComparingTo("0.128");
	}

	@Test
	void chargesOneHourWritesAtTheWritePriceWhenNoOneHourPriceIsListed() {
		PriceCatalog catalog = load("""
				{"cached": {"input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06,
				            "cache_creation_input_token_cost": 2e-06}}
				""");
		TokenUsage usage = new TokenUsage(1_000, 0, 0, 1_000, 400, 0);
		assertThat(new CostCalculator(catalog).price("x", "cached", null, usage).costUsd())
			.isEqualByComparingTo("0.002");
	}

	@Test
	void stripsDateSuffixesOnly() {
		assertThat(ModelNames.undated("gpt-4o-2024-08-06")).isEqualTo("gpt-4o");
		assertThat(ModelNames.undated("claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5");
		assertThat(ModelNames.undated("claude-3-5-haiku@20241022")).isEqualTo("claude-3-5-haiku");
		assertThat(ModelNames.undated("claude-3-5-haiku-latest")).isEqualTo("claude-3-5-haiku");
		assertThat(ModelNames.undated("kimi-k2-instruct-0905")).isEqualTo("kimi-k2-instruct-0905");
		assertThat(ModelNames.undated("gpt-4.1-nano")).isEqualTo("gpt-4.1-nano");
	}

	@Test
	void findsPrefixedModelsAndStripsAPrefixTheModelAlreadyCarries() {
		PriceCatalog catalog = PriceCatalog.bundled();
		assertThat(catalog.find("groq", "meta-llama/llama-4-scout-17b-16e-instruct")).get()
			.extracting(ModelPrice::model)
			.isEqualTo("groq/meta-llama/llama-4-scout-17b-16e-instruct");
		assertThat(catalog.find("openai", "openai/gpt-4o-2024-08-06")).get()
			.extracting(ModelPrice::model)
			.isEqualTo("gpt-4o-2024-08-06");
		assertThat(catalog.find("openai", "openai/gpt-4o-2099-01-01")).get()
			.extracting(ModelPrice::model)
			.isEqualTo("gpt-4o");
		assertThat(catalog.find("groq", "llama-3.3-70b")).isEmpty();
		assertThat(catalog.find(null, "llama-3.3-70b-versatile")).isEmpty();
		assertThat(catalog.find("openai", " ")).isEmpty();
	}

	@Test
	void triesTheProvidersLiteLlmKeyBeforeTheBareName() {
		PriceCatalog catalog = PriceCatalog.bundled();
		assertThat(catalog.find("azure.ai.openai", "gpt-4o-mini")).get().extracting(ModelPrice::model)
			.isEqualTo("azure/gpt-4o-mini");
		assertThat(catalog.find("openai", "gpt-4o-mini")).get().extracting(ModelPrice::model).isEqualTo("gpt-4o-mini");
		assertThat(catalog.find("x_ai", "grok-4")).get().extracting(ModelPrice::model).isEqualTo("xai/grok-4");
		assertThat(catalog.find("mistral_ai", "mistral-large-latest")).get().extracting(ModelPrice::model)
			.isEqualTo("mistral/mistral-large-latest");
		assertThat(catalog.find("gcp.gemini", "gemini-2.5-pro")).get().extracting(ModelPrice::model)
			.isEqualTo("gemini/gemini-2.5-pro");
		assertThat(catalog.find("deepseek", "deepseek-chat")).get().extracting(ModelPrice::model)
			.isEqualTo("deepseek/deepseek-chat");
		assertThat(catalog.find("openrouter", "openai/gpt-4o")).get().extracting(ModelPrice::model)
			.isEqualTo("openrouter/openai/gpt-4o");
		// a dated Azure name: the Azure key without the date before OpenAI's bare one
		assertThat(catalog.find("azure.ai.openai", "gpt-4o-mini-2099-01-01")).get().extracting(ModelPrice::model)
			.isEqualTo("azure/gpt-4o-mini");
	}

	@Test
	void neverPricesALookalike() {
		PriceCatalog catalog = PriceCatalog.bundled();
		assertThat(catalog.find("openai", "o3-pro")).get().extracting(ModelPrice::model).isEqualTo("o3-pro");
		assertThat(catalog.find("openai", "o3")).get().extracting(ModelPrice::model).isEqualTo("o3");
		assertThat(catalog.find("openai", "gpt-4o-mini")).get().extracting(ModelPrice::model).isEqualTo("gpt-4o-mini");
		assertThat(catalog.find("openai", "o3-ultra")).isEmpty();
		assertThat(catalog.find("openai", "gpt-4o-mega")).isEmpty();
		assertThat(catalog.find("openai", "gpt-4")).get().extracting(ModelPrice::model).isEqualTo("gpt-4");
	}

	@Test
	void readsDeepSeeksCacheHitPriceAsTheCacheReadPrice() {
		PriceCatalog catalog = load("""
				{"ds": {"input_cost_per_token": 2.8e-07, "output_cost_per_token": 4.2e-07,
				        "input_cost_per_token_cache_hit": 2.8e-08}}
				""");
		assertThat(new CostCalculator(catalog).price("deepseek", "ds", null, new TokenUsage(1_000, 0, 1_000, 0, 0, 0))
			.costUsd()).isEqualByComparingTo("0.000028");
	}

	@Test
	void skipsEntriesWithNonNumericPricesAndNonTokenEntries() {
		PriceCatalog catalog = load("""
				{"sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0},
				 "last_updated": "2026-07-24",
				 "bad": {"input_cost_per_token": "cheap", "output_cost_per_token": 1e-06},
				 "negative": {"input_cost_per_token": -1e-06, "output_cost_per_token": 1e-06},
				 "tts": {"input_cost_per_character": 5e-05, "mode": "audio_speech"},
				 "text": {"input_cost_per_token": "2.5e-06", "output_cost_per_token": 1e-05},
				 "embed": {"input_cost_per_token": 2e-08, "mode": "embedding"}}
				""");
		assertThat(catalog.models()).containsOnlyKeys("text", "embed");
		assertThat(catalog.models().get("text").input()).isEqualByComparingTo("0.0000025");
		assertThat(catalog.models().get("embed").output()).isZero();
	}

	@Test
	void rejectsMalformedJsonNamingTheSource() {
		InputStream in = new ByteArrayInputStream("{\"gpt-4o\": {".getBytes(StandardCharsets.UTF_8));
		assertThatIllegalArgumentException().isThrownBy(() -> PriceCatalog.load(in, "custom-prices.json"))
			.withMessageContaining("custom-prices.json")
			.withMessageContaining("not valid JSON");
		InputStream array = new ByteArrayInputStream("[1, 2]".getBytes(StandardCharsets.UTF_8));
		assertThatIllegalArgumentException().isThrownBy(() -> PriceCatalog.load(array, "my catalog"))
			.withMessageContaining("my catalog")
			.withMessageContaining("must be a JSON object");
	}

	@Test
	void addsOverriddenModelsAndRequiresInputAndOutputForThem() {
		PriceOverride both = new PriceOverride(BigDecimal.ONE, new BigDecimal("2"), null, null, null);
		CostCalculator calculator = new CostCalculator(PriceCatalog.bundled().withOverrides(Map.of("my-model", both)));
		assertThat(calculator.price("custom", "my-model", null, TokenUsage.of(1_000_000, 1_000_000)).costUsd())
			.isEqualByComparingTo("3");
		PriceOverride inputOnly = new PriceOverride(BigDecimal.ONE, null, null, null, null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PriceCatalog.bundled().withOverrides(Map.of("llama-3.3-70b-versatile", inputOnly)))
			.withMessageContaining("llama-3.3-70b-versatile");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PriceOverride(new BigDecimal("-1"), null, null, null, null));
	}

	@Test
	void overridesADatedNameWithoutChangingTheUndatedEntry() {
		PriceCatalog catalog = PriceCatalog.bundled()
			.withOverrides(Map.of("gpt-4o-2024-11-20", new PriceOverride(BigDecimal.ONE, null, null, null, null)));
		ModelPrice dated = catalog.find("openai", "gpt-4o-2024-11-20").orElseThrow();
		assertThat(dated.input()).isEqualByComparingTo("0.000001");
		assertThat(dated.output()).isEqualByComparingTo("0.00001");
		assertThat(catalog.find("openai", "gpt-4o").orElseThrow().input()).isEqualByComparingTo("0.0000025");
	}

	private static PriceCatalog load(String json) {
		return PriceCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
	}

}
