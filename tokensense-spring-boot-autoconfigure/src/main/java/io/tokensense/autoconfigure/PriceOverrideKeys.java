package io.tokensense.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Checks the keys under {@code tokensense.pricing.models}: each must be a model name plus one
 * price field. Spring splits map keys on dots, so {@code tokensense.pricing.models.gpt-4.1.input}
 * would bind an empty {@code gpt-4} override and silently drop the price; the bracket form
 * ({@code tokensense.pricing.models.[gpt-4.1].input}, in YAML {@code "[gpt-4.1]":}) keeps the
 * name whole. A key of another shape fails startup, naming the key and the bracket form.
 */
final class PriceOverrideKeys {

	private static final ConfigurationPropertyName MODELS = ConfigurationPropertyName.of("tokensense.pricing.models");

	/** The price fields of {@link TokenSenseProperties.ModelPrices}, in uniform form (lower case, no dashes). */
	private static final List<String> FIELDS = List.of("input", "output", "cacheread", "cachewrite", "reasoning");

	private PriceOverrideKeys() {
	}

	/**
	 * @throws IllegalStateException naming the first key that is not a model plus a price field
	 */
	static void validate(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(MODELS::isAncestorOf).forEach(PriceOverrideKeys::check);
			}
		}
	}

	private static void check(ConfigurationPropertyName name) {
		int first = MODELS.getNumberOfElements();
		int count = name.getNumberOfElements();
		String field = name.getLastElement(Form.UNIFORM).toLowerCase(Locale.ROOT);
		if (count == first + 2 && FIELDS.contains(field)) {
			return;
		}
		StringBuilder model = new StringBuilder();
		for (int i = first; i < count - 1; i++) {
			model.append((i > first) ? "." : "").append(name.getElement(i, Form.ORIGINAL));
		}
		String suggestion = (count > first + 2 && FIELDS.contains(field))
				? " Model names with dots need the bracket form: tokensense.pricing.models.[" + model + "]."
						+ name.getLastElement(Form.ORIGINAL) + " (in YAML, the key \"[" + model + "]\")."
				: " Model names with dots need the bracket form, e.g. tokensense.pricing.models.[gpt-4.1].input.";
		throw new IllegalStateException("tokensense.pricing.models: '" + name + "' is not a model name plus one of "
				+ "input, output, cache-read, cache-write, reasoning." + suggestion);
	}

}
