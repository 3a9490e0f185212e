package io.tokensense.internal.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * Reads a price file in LiteLLM's format ({@code model_prices_and_context_window.json}).
 * Prices are read as the exact decimals written in the file, never through {@code double}.
 */
final class LiteLlmCatalogReader {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	/** LiteLLM documents its fields in this entry; its zero prices must not price a model. */
	private static final Set<String> NOT_MODELS = Set.of("sample_spec");

	private LiteLlmCatalogReader() {
	}

	/**
	 * The entries priced per token, keyed by model name, in file order.
	 * @param in the file's content
	 * @param source names the file in messages
	 * @param rejected receives, by model name, why an entry with an unusable price was skipped
	 * (the caller decides whether that is a warning or a reason to refuse the whole file)
	 */
	static Map<String, ModelPrice> read(InputStream in, String source, Map<String, String> rejected) {
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
					rejected.put(model, ex.getMessage());
				}
			}
		}
		return prices;
	}

	private static @Nullable ModelPrice entry(String model, JsonNode node) {
		String mode = text(node, "mode");
		Map<String, BigDecimal> prices = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			if (PriceField.parse(field.getKey()) != null) {
				BigDecimal price = price(node, field.getKey());
				if (price != null) {
					prices.put(field.getKey(), price);
				}
			}
		}
		BigDecimal cacheHit = price(node, PriceBucket.CACHE_HIT);
		if (cacheHit != null) {
			prices.putIfAbsent(PriceBucket.CACHE_READ.field(), cacheHit);
		}
		if ("embedding".equals(mode)) {
			prices.putIfAbsent(PriceBucket.OUTPUT.field(), BigDecimal.ZERO);
		}
		if (!prices.containsKey(PriceBucket.INPUT.field()) || !prices.containsKey(PriceBucket.OUTPUT.field())) {
			// priced per image, second or character: not something token usage can price
			return null;
		}
		return new ModelPrice(model, text(node, "litellm_provider"), mode, prices, Set.of());
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
