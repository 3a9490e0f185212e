package io.tokensense.testsupport;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import io.tokensense.testsupport.LoopbackServer.Reply;

/**
 * The openai-java client over an in-memory transport: every request gets the current reply
 * without a socket, so the SDK's own request building and response parsing still run, at a
 * speed that lets a test make tens of thousands of calls.
 */
public final class InMemoryOpenAi implements HttpClient {

	private volatile Reply reply;

	public InMemoryOpenAi(Reply reply) {
		this.reply = reply;
	}

	/** The reply for the following requests. */
	public void reply(Reply reply) {
		this.reply = reply;
	}

	/** A real, unobserved client whose requests this transport answers; it never retries. */
	public OpenAIClient client() {
		return new OpenAIClientImpl(ClientOptions.builder().httpClient(this).apiKey("k").maxRetries(0).build());
	}

	@Override
	public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
		Reply current = this.reply;
		byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
		Headers headers = Headers.builder()
			.put("content-type", current.contentType())
			.put("x-request-id", "req_in_memory")
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
