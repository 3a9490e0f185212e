package io.tokensense.internal.pricing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link RefreshingPriceCatalog} serves and how its last refresh went, as the
 * {@code tokensense} health contributor shows it.
 *
 * @param source what the catalog in use was built from: {@code bundled}, or the bundled catalog
 * plus a file ({@code bundled + https://...})
 * @param location where a price file is read from ({@code tokensense.pricing.catalog}), if set
 * @param models how many models the catalog in use prices
 * @param loadedAt when the catalog in use was built
 * @param lastError why the last failed read of {@code location} was refused, if one failed
 * @param lastErrorAt when it failed
 */
public record CatalogStatus(String source, @Nullable String location, int models, Instant loadedAt,
		@Nullable String lastError, @Nullable Instant lastErrorAt) {
}
