package io.tokensense.autoconfigure;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tokensense.internal.pricing.CatalogSource;
import io.tokensense.internal.pricing.PriceCatalog;
import io.tokensense.internal.pricing.PriceOverride;
import io.tokensense.internal.pricing.RefreshingPriceCatalog;

import org.springframework.core.io.Resource;

/**
 * Builds the application's prices: the bundled catalog, extended by
 * {@code tokensense.pricing.catalog}, then overridden by {@code tokensense.pricing.models.*}.
 * A local file that cannot be read or a refused price fails startup and names the property; an
 * {@code http:} or {@code https:} catalog is only read once the catalog is started, in the
 * background, so startup never waits on the network.
 */
final class PricingFactory {

	private PricingFactory() {
	}

	static RefreshingPriceCatalog catalog(TokenSenseProperties.Pricing pricing) {
		Resource location = pricing.getCatalog();
		CatalogSource source = (location != null) ? source(location, pricing) : null;
		RefreshingPriceCatalog catalog;
		try {
			catalog = new RefreshingPriceCatalog(PriceCatalog.bundled(), overrides(pricing.getModels()), source,
					pricing.getRefreshInterval());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("tokensense.pricing.models: " + ex.getMessage(), ex);
		}
		if (location != null && !ResourceCatalogSource.isRemote(location)) {
			load(catalog, location);
		}
		if (location == null || !ResourceCatalogSource.isRemote(location)) {
			// a remote catalog reports them once it has been read
			catalog.warnAboutUnmatchedOverrides();
		}
		return catalog;
	}

	private static CatalogSource source(Resource location, TokenSenseProperties.Pricing pricing) {
		if (!ResourceCatalogSource.isRemote(location)) {
			return new ResourceCatalogSource(location);
		}
		try {
			return CatalogSource.url(location.getURI(), pricing.getConnectTimeout(), pricing.getReadTimeout());
		}
		catch (IOException ex) {
			throw new IllegalStateException("tokensense.pricing.catalog: not a URL: " + location.getDescription(), ex);
		}
	}

	private static void load(RefreshingPriceCatalog catalog, Resource location) {
		try {
			catalog.load();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("tokensense.pricing.catalog: cannot use the LiteLLM price file at "
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
