package io.tokensense.internal.pricing;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a fetched price file may replace the one in use: it must be a JSON object of
 * entries, every price must be a non-negative number, and it must price at least half as many
 * models as the file it replaces (a truncated or emptied table would otherwise silently turn most
 * calls into {@code UNKNOWN_MODEL}). One bad price refuses the whole file: a table that got one
 * price wrong may have got others wrong in ways that still parse.
 */
final class CatalogCheck {

	private CatalogCheck() {
	}

	/**
	 * @param content the fetched file
	 * @param source names it in messages
	 * @param modelsInUse the priced models of the file in use from the same location, 0 before the first
	 * @return the file's entries as a catalog
	 * @throws IllegalArgumentException saying why the file is refused
	 */
	static PriceCatalog accept(byte[] content, String source, int modelsInUse) {
		Map<String, String> rejected = new LinkedHashMap<>();
		Map<String, ModelPrice> prices = LiteLlmCatalogReader.read(new ByteArrayInputStream(content), source,
				rejected);
		if (!rejected.isEmpty()) {
			Map.Entry<String, String> first = rejected.entrySet().iterator().next();
			throw new IllegalArgumentException("Price catalog " + source + " has " + rejected.size()
					+ " entries with unusable prices, e.g. '" + first.getKey() + "': " + first.getValue());
		}
		if (prices.isEmpty()) {
			throw new IllegalArgumentException("Price catalog " + source + " prices no model per token");
		}
		if (prices.size() < (modelsInUse + 1) / 2) {
			throw new IllegalArgumentException("Price catalog " + source + " prices " + prices.size()
					+ " models, fewer than half of the " + modelsInUse + " of the file in use");
		}
		return PriceCatalog.of(prices);
	}

}
