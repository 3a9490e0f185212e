package io.tokensense.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a price file in LiteLLM's format ({@code model_prices_and_context_window.json}).
 * Prices are read as the exact decimals written in the file, never through {@code double}.
 */
final class LiteLlmCatalogReader {

	private static final Logger logger = LoggerFactory.getLogger(PriceCatalog.class);

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final Pattern LONG_CONTEXT_FIELD = Pattern.compile("(.+)_above_(\\d{1,9})k_tokens");

	static final String INPUT = "input_cost_per_token";

	static final String OUTPUT = "output_cost_per_token";

	static final String CACHE_READ = "cache_read_input_token_cost";

	static final String CACHE_WRITE = "cache_creation_input_token_cost";

	static final String CACHE_WRITE_1H = "cache_creation_input_token_cost_above_1hr";

	static final String REASONING = "output_cost_per_reasoning_token";

	private static final Set<String> LONG_CONTEXT_BASES = Set.of(INPUT, OUTPUT, CACHE_READ, CACHE_WRITE,
			CACHE_WRITE_1H);

	/** LiteLLM documents its fields in this entry; its zero prices must not price a model. */
	private static final Set<String> NOT_MODELS = Set.of("sample_spec");

	private LiteLlmCatalogReader() {
	}

	static Map<String, ModelPrice> read(InputStream in, String source) {
		JsonNode root;
		try {
			root = mapper.readTree(in);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(
					"Price catalog " + source + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read price catalog " + source, ex);
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException(
					"Price catalog " + source + " must be a JSON object of model names to prices");
		}
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			String model = field.getKey();
			if (!NOT_MODELS.contains(model) && field.getValue().isObject()) {
				try {
					ModelPrice price = entry(model, field.getValue());
					if (price != null) {
						prices.put(model, price);
					}
				}
				catch (IllegalArgumentException ex) {
					logger.warn("Skipping '{}' in price catalog {}: {}", model, source, ex.getMessage());
				}
			}
		}
		return prices;
	}

	private static @Nullable ModelPrice entry(String model, JsonNode node) {
		String mode = text(node, "mode");
		BigDecimal input = price(node, INPUT);
		BigDecimal output = price(node, OUTPUT);
		if (output == null && "embedding".equals(mode)) {
			output = BigDecimal.ZERO;
		}
		if (input == null || output == null) {
			// priced per image, second or character: not something token usage can price
			return null;
		}
		return new ModelPrice(model, text(node, "litellm_provider"), mode, input, output, price(node, CACHE_READ),
				price(node, CACHE_WRITE), price(node, CACHE_WRITE_1H), price(node, REASONING), longContext(node));
	}

	private static TreeMap<Long, LongContextPrice> longContext(JsonNode node) {
		Map<Long, Map<String, BigDecimal>> fieldsByThreshold = new TreeMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			Matcher matcher = LONG_CONTEXT_FIELD.matcher(field.getKey());
			if (matcher.matches() && LONG_CONTEXT_BASES.contains(matcher.group(1))) {
				BigDecimal price = price(node, field.getKey());
				if (price != null) {
					long threshold = Long.parseLong(matcher.group(2)) * 1000;
					fieldsByThreshold.computeIfAbsent(threshold, (key) -> new LinkedHashMap<>())
						.put(matcher.group(1), price);
				}
			}
		}
		TreeMap<Long, LongContextPrice> tiers = new TreeMap<>();
		fieldsByThreshold.forEach((threshold, fields) -> {
			LongContextPrice tier = new LongContextPrice(fields.get(INPUT), fields.get(OUTPUT), fields.get(CACHE_READ),
					fields.get(CACHE_WRITE), fields.get(CACHE_WRITE_1H));
			if (!tier.isEmpty()) {
				tiers.put(threshold, tier);
			}
		});
		return tiers;
	}

	private static @Nullable BigDecimal price(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		BigDecimal price;
		if (value.isNumber()) {
			price = value.decimalValue();
		}
		else if (value.isTextual()) {
			try {
				price = new BigDecimal(value.asText().trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + field + "' is not a number: " + value);
			}
		}
		else {
			throw new IllegalArgumentException("'" + field + "' is not a number: " + value);
		}
		if (price.signum() < 0) {
			throw new IllegalArgumentException("'" + field + "' is negative: " + value);
		}
		// 1E+1 style values would make costs print in scientific notation
		return (price.scale() < 0) ? price.setScale(0) : price;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isTextual()) ? value.asText() : null;
	}

}
