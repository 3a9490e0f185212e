package io.tokensense.testsupport;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import io.tokensense.testsupport.LoopbackServer.Reply;

/**
 * The anthropic-java client over an in-memory transport: every request gets the current reply
 * without a socket, so the SDK's own request building and response parsing still run, at a
 * speed that lets a test make tens of thousands of calls.
 */
public final class InMemoryAnthropic implements HttpClient {

	private volatile Reply reply;

	public InMemoryAnthropic(Reply reply) {
		this.reply = reply;
	}

	/** The reply for the following requests. */
	public void reply(Reply reply) {
		this.reply = reply;
	}

	/** A real, unobserved client whose requests this transport answers; it never retries. */
	public AnthropicClient client() {
		return new AnthropicClientImpl(ClientOptions.builder()
			.httpClient(this)
			.maxRetries(0)
			.build());
	}

	@Override
	public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
		Reply current = this.reply;
		byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
		Headers headers = Headers.builder()
			.put("content-type", current.contentType())
			.put("request-id", "req_in_memory")
			.build();
		return new HttpResponse() {

			@Override
			public int statusCode() {
				return current.status();
			}

			@Override
			public Headers headers() {
				return headers;
			}

			@Override
			public InputStream body() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public void close() {
			}

		};
	}

	@Override
	public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
		// completed on another thread, as a real HTTP client does, not already done on the caller's
		return CompletableFuture.supplyAsync(() -> execute(request, requestOptions), TransportThreads.EXECUTOR);
	}

	@Override
	public void close() {
	}

}
