package io.tokensense.internal.pricing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Where a LiteLLM-format price file is read from, again at each refresh of a
 * {@link RefreshingPriceCatalog}.
 */
public interface CatalogSource {

	/** Names the source in logs and health details, without credentials. */
	String description();

	/**
	 * The file's content, read now.
	 * @throws IOException when it cannot be read, including a timeout or an HTTP status other than 200
	 */
	byte[] read() throws IOException;

	/**
	 * An {@code http:} or {@code https:} URL read with the JDK {@code HttpClient}.
	 * @param url the file's address, e.g. LiteLLM's raw {@code model_prices_and_context_window.json}
	 * @param connectTimeout how long to wait for the connection
	 * @param readTimeout how long to wait for the whole response once connected
	 */
	static CatalogSource url(URI url, Duration connectTimeout, Duration readTimeout) {
		return new HttpCatalogSource(url, connectTimeout, readTimeout);
	}

}
