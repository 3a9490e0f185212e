package io.tokensense.pricing;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.Resource;

/** A price file read from a Spring {@link Resource}. */
final class ResourceCatalogSource implements CatalogSource {

	private final Resource resource;

	ResourceCatalogSource(Resource resource) {
		this.resource = resource;
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
