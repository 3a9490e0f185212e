package io.tokensense.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tokensense.pricing.CostCalculator;
import io.tokensense.pricing.PriceCatalog;
import io.tokensense.pricing.PriceOverride;

import org.springframework.core.io.Resource;

/**
 * Builds the application's prices: the bundled catalog, extended by
 * {@code tokensense.pricing.catalog}, then overridden by {@code tokensense.pricing.models.*}.
 * A file that cannot be read or a refused price fails startup and names the property.
 */
final class PricingFactory {

	private PricingFactory() {
	}

	static CostCalculator costCalculator(TokenSenseProperties.Pricing pricing) {
		PriceCatalog catalog = PriceCatalog.bundled();
		Resource location = pricing.getCatalog();
		if (location != null) {
			catalog = catalog.extendedBy(load(location));
		}
		if (!pricing.getModels().isEmpty()) {
			try {
				catalog = catalog.withOverrides(overrides(pricing.getModels()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("tokensense.pricing.models: " + ex.getMessage(), ex);
			}
		}
		return new CostCalculator(catalog);
	}

	private static PriceCatalog load(Resource location) {
		try (InputStream in = location.getInputStream()) {
			return PriceCatalog.load(in);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("tokensense.pricing.catalog: cannot read a LiteLLM price file from "
					+ location.getDescription() + " (" + ex.getMessage() + ")", ex);
		}
	}

	private static Map<String, PriceOverride> overrides(Map<String, TokenSenseProperties.ModelPrices> models) {
		Map<String, PriceOverride> overrides = new LinkedHashMap<>();
		models.forEach((model, prices) -> {
			try {
				overrides.put(model, new PriceOverride(prices.getInput(), prices.getOutput(), prices.getCacheRead(),
						prices.getCacheWrite(), prices.getReasoning()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("tokensense.pricing.models." + model + ": " + ex.getMessage(), ex);
			}
		});
		return overrides;
	}

}
