package io.tokensense.autoconfigure;

import java.io.IOException;
import java.io.InputStream;

import io.tokensense.internal.pricing.CatalogSource;

import org.springframework.core.io.Resource;

/**
 * A price file read from a Spring {@link Resource}, e.g. a {@code file:} or {@code classpath:}
 * location in {@code tokensense.pricing.catalog}: the one piece of price loading that needs
 * Spring, so it lives with the auto-configuration and the pricing package does not.
 */
final class ResourceCatalogSource implements CatalogSource {

	private final Resource resource;

	ResourceCatalogSource(Resource resource) {
		this.resource = resource;
	}

	/** Whether {@code resource} is an {@code http:} or {@code https:} URL, read over the network. */
	static boolean isRemote(Resource resource) {
		try {
			String scheme = resource.getURI().getScheme();
			return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public String description() {
		return this.resource.getDescription();
	}

	@Override
	public byte[] read() throws IOException {
		try (InputStream in = this.resource.getInputStream()) {
			return in.readAllBytes();
		}
	}

	@Override
	public String toString() {
		return description();
	}

}
