package io.tokensense.internal.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the bundled catalog against the public LiteLLM snapshot it was taken from, so a
 * typo in a price cannot ship. Skipped (loudly) when the snapshot is not on this machine.
 */
class BundledCatalogCrossCheckTest {

	private static final String SNAPSHOT = "shared/data/litellm-model-prices-2026-07-24.json";

	private static final List<String> REQUIRED = List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini",
			"gpt-4.1-nano", "o3", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano", "text-embedding-3-small",
			"text-embedding-3-large", "claude-opus-4-1", "claude-opus-4-5", "claude-sonnet-4", "claude-sonnet-4-5",
			"claude-haiku-4-5", "claude-3-5-haiku", "groq/llama-3.3-70b-versatile", "groq/llama-3.1-8b-instant",
			"groq/openai/gpt-oss-120b", "groq/openai/gpt-oss-20b", "groq/qwen/qwen3-32b",
			"groq/meta-llama/llama-4-scout-17b-16e-instruct", "groq/moonshotai/kimi-k2-instruct-0905",
			"gpt-3.5-turbo", "gpt-4-turbo", "o1-pro", "gpt-3.5-turbo-instruct", "deepseek/deepseek-chat",
			"azure/gpt-4o-mini", "xai/grok-4", "mistral/mistral-large-latest", "openrouter/openai/gpt-4o",
			"anthropic.claude-3-5-haiku-20241022-v1:0", "vertex_ai/claude-sonnet-4-5@20250929",
			"gemini/gemini-2.5-pro", "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo");

	/** LiteLLM's provider keys for the providers DESIGN.md lists (plus every vertex_ai* key). */
	private static final Set<String> NAMED_PROVIDERS = Set.of("openai", "text-completion-openai", "azure",
			"azure_text", "anthropic", "bedrock", "bedrock_converse", "groq", "deepseek", "mistral", "codestral",
			"text-completion-codestral", "xai", "openrouter", "together_ai", "fireworks_ai",
			"fireworks_ai-embedding-models", "gemini");

	/** Every price field the product reads: a bucket, a long-context threshold, a service tier. */
	private static final Pattern READ_FIELD = Pattern.compile("(input_cost_per_token|output_cost_per_token"
			+ "|cache_read_input_token_cost|cache_creation_input_token_cost(_above_1hr)?"
			+ "|output_cost_per_reasoning_token|input_cost_per_token_cache_hit)(_above_\\d+k_tokens)?"
			+ "(_priority|_flex|_batches)?");


	/** Undated keys we bundle whose LiteLLM entry is listed under another name. */
	private static final Map<String, String> SOURCE_KEYS = Map.of("claude-sonnet-4", "claude-sonnet-4-20250514",
			"claude-opus-4", "claude-opus-4-20250514", "claude-3-5-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0");

	/** LiteLLM no longer lists Claude 3.5 Haiku under Anthropic: its prices come from Bedrock's entry. */
	private static final Set<String> PROVIDER_DIFFERS = Set.of("claude-3-5-haiku");

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static JsonNode bundled;

	@BeforeAll
	static void readBundledFile() throws IOException {
		try (InputStream in = PriceCatalog.class.getResourceAsStream("/io/tokensense/pricing/model-prices.json")) {
			bundled = mapper.readTree(in);
		}
	}

	@Test
	void bundlesEveryRequiredModel() {
		assertThat(PriceCatalog.bundled().models()).containsKeys(REQUIRED.toArray(String[]::new));
	}

	@Test
	void loadsEveryBundledEntry() {
		List<String> keys = List.copyOf(bundled.propertyStream().map(Map.Entry::getKey).toList());
		assertThat(PriceCatalog.bundled().models().keySet()).containsExactlyElementsOf(keys);
	}

	@Test
	void bundledPricesEqualLiteLlmSnapshotAndLackNoneItPrices() throws IOException {
		JsonNode litellm = snapshot();
		int entries = 0;
		int fields = 0;
		for (Map.Entry<String, JsonNode> entry : bundled.properties()) {
			String key = entry.getKey();
			JsonNode source = litellm.get(SOURCE_KEYS.getOrDefault(key, key));
			assertThat(source).as("LiteLLM entry for %s", key).isNotNull();
			JsonNode ours = entry.getValue();
			for (Map.Entry<String, JsonNode> field : ours.properties()) {
				String name = field.getKey();
				assertThat(name).as("%s keeps only fields TokenSense reads", key)
					.matches(READ_FIELD.pattern() + "|litellm_provider|mode");
				if (name.equals("litellm_provider") && PROVIDER_DIFFERS.contains(key)) {
					continue;
				}
				assertThat(source.get(name)).as("%s.%s in LiteLLM", key, name).isNotNull();
				if (field.getValue().isNumber()) {
					assertThat(field.getValue().decimalValue()).as("%s.%s", key, name)
						.isEqualByComparingTo(source.get(name).decimalValue());
				}
				else {
					assertThat(field.getValue()).as("%s.%s", key, name).isEqualTo(source.get(name));
				}
				fields++;
			}
			for (Map.Entry<String, JsonNode> field : source.properties()) {
				if (READ_FIELD.matcher(field.getKey()).matches() && field.getValue().isNumber()) {
					assertThat(ours.get(field.getKey())).as("%s lacks %s", key, field.getKey()).isNotNull();
				}
			}
			entries++;
		}
		assertThat(entries).isEqualTo(bundled.size()).isGreaterThan(1_300);
		assertThat(fields).isGreaterThan(entries * 4);
	}

	@Test
	void bundlesEveryTokenPricedEntryOfTheProvidersTokenSenseNames() throws IOException {
		JsonNode litellm = snapshot();
		int covered = 0;
		for (Map.Entry<String, JsonNode> entry : litellm.properties()) {
			JsonNode value = entry.getValue();
			String provider = value.path("litellm_provider").asText("");
			String mode = value.path("mode").asText("");
			boolean named = NAMED_PROVIDERS.contains(provider) || provider.startsWith("vertex_ai");
			boolean priced = value.path("input_cost_per_token").isNumber()
					&& (value.path("output_cost_per_token").isNumber() || mode.equals("embedding"));
			if (!entry.getKey().equals("sample_spec") && named && priced
					&& Set.of("chat", "responses", "completion", "embedding").contains(mode)) {
				assertThat(bundled.has(entry.getKey())).as("%s (%s, %s) is bundled", entry.getKey(), provider, mode)
					.isTrue();
				covered++;
			}
		}
		assertThat(covered).isEqualTo(bundled.size() - SOURCE_KEYS.size());
	}

	private static JsonNode snapshot() throws IOException {
		Optional<Path> file = locateSnapshot();
		if (file.isEmpty()) {
			System.err.println("!!! BundledCatalogCrossCheckTest SKIPPED: " + SNAPSHOT
					+ " not found above " + System.getProperty("user.dir") + " — bundled prices are NOT verified !!!");
		}
		assumeTrue(file.isPresent(), "LiteLLM snapshot " + SNAPSHOT + " not found: bundled prices not verified");
		return mapper.readTree(file.get().toFile());
	}

	private static Optional<Path> locateSnapshot() {
		for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir
			.getParent()) {
			Path candidate = dir.resolve(SNAPSHOT);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
		}
		Path fallback = Paths.get("/work").resolve(SNAPSHOT);
		return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
	}

}
