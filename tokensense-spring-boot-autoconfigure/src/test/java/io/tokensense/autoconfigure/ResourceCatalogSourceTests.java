package io.tokensense.autoconfigure;

import java.io.ByteArrayInputStream;

import io.tokensense.internal.pricing.PriceCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.UrlResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** A price file at a Spring resource location, the only loading that needs Spring. */
class ResourceCatalogSourceTests {

	@Test
	void reportsAMissingResource() {
		assertThatIOException().isThrownBy(() -> new ResourceCatalogSource(new ClassPathResource("no-such.json")).read())
			.withMessageContaining("no-such.json");
	}

	@Test
	void loadsAResource() throws Exception {
		ResourceCatalogSource source = new ResourceCatalogSource(
				new ClassPathResource("io/tokensense/pricing/model-prices.json"));
		PriceCatalog catalog = PriceCatalog.load(new ByteArrayInputStream(source.read()), source.description());
		assertThat(catalog.models().keySet()).containsExactlyElementsOf(PriceCatalog.bundled().models().keySet());
		catalog.models()
			.forEach((model, price) -> assertThat(price.prices())
				.isEqualTo(PriceCatalog.bundled().models().get(model).prices()));
	}

	@Test
	void readsOnlyHttpAndHttpsAsRemote() throws Exception {
		assertThat(ResourceCatalogSource.isRemote(new UrlResource("https://example.com/prices.json"))).isTrue();
		assertThat(ResourceCatalogSource.isRemote(new ClassPathResource("prices.json"))).isFalse();
	}

}
