package io.tokensense.internal.pricing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A price file fetched over HTTP with the JDK {@link HttpClient}, following redirects (raw
 * GitHub files may redirect). The read timeout bounds the whole response, body included:
 * {@link HttpRequest.Builder#timeout} alone stops counting once the headers have arrived, so a
 * server that trickles its body would otherwise hold the refresh thread forever.
 */
final class HttpCatalogSource implements CatalogSource {

	private final URI url;

	private final Duration readTimeout;

	private final HttpClient client;

	HttpCatalogSource(URI url, Duration connectTimeout, Duration readTimeout) {
		this.url = url;
		this.readTimeout = readTimeout;
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	@Override
	public String description() {
		return withoutCredentials(this.url);
	}

	@Override
	public byte[] read() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.readTimeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		CompletableFuture<HttpResponse<byte[]>> response = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			HttpResponse<byte[]> answer = response.get(this.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (answer.statusCode() != 200) {
				throw new IOException("HTTP " + answer.statusCode() + " from " + description());
			}
			return answer.body();
		}
		catch (TimeoutException ex) {
			response.cancel(true);
			throw new HttpTimeoutException("no complete response from " + description() + " within " + this.readTimeout);
		}
		catch (InterruptedException ex) {
			response.cancel(true);
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while fetching " + description(), ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			throw new IOException(String.valueOf(cause), cause);
		}
	}

	/** Health details and logs must not show a user:password or a token in the query. */
	static String withoutCredentials(URI url) {
		try {
			return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString()
					+ ((url.getRawQuery() != null) ? "?…" : "");
		}
		catch (URISyntaxException ex) {
			return url.getScheme() + "://" + url.getHost();
		}
	}

	@Override
	public String toString() {
		return description();
	}

}
