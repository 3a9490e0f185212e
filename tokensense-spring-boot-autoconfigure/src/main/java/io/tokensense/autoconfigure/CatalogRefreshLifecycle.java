package io.tokensense.autoconfigure;

import io.tokensense.internal.pricing.RefreshingPriceCatalog;

import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code tokensense.pricing.catalog} in the background while the application runs, on
 * the daemon thread {@value RefreshingPriceCatalog#THREAD_NAME}; stops with the context.
 */
final class CatalogRefreshLifecycle implements SmartLifecycle {

	private final RefreshingPriceCatalog catalog;

	CatalogRefreshLifecycle(RefreshingPriceCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public void start() {
		this.catalog.start();
	}

	@Override
	public void stop() {
		this.catalog.stop();
	}

	@Override
	public boolean isRunning() {
		return this.catalog.isRunning();
	}

}
