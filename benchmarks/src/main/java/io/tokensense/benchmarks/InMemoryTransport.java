package io.tokensense.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;

/**
 * The openai-java SDK's HTTP transport, answered from memory: the request body is serialized
 * (as a real transport would) and discarded, and every request gets the same chat completion.
 * Everything above the socket runs as in production: request building, retries wrapper,
 * response parsing and validation.
 */
final class InMemoryTransport implements HttpClient {

	private static final Headers HEADERS = Headers.builder()
		.put("content-type", "application/json")
		.put("x-request-id", "req_bench")
		.build();

	private final byte[] body;

	InMemoryTransport(String body) {
		this.body = body.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
		HttpRequestBody requestBody = request.body();
		if (requestBody != null) {
			requestBody.writeTo(OutputStream.nullOutputStream());
		}
		return new Response(this.body);
	}

	@Override
	public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
		return CompletableFuture.completedFuture(execute(request, requestOptions));
	}

	@Override
	public void close() {
	}

	private record Response(byte[] bytes) implements HttpResponse {

		@Override
		public int statusCode() {
			return 200;
		}

		@Override
		public Headers headers() {
			return HEADERS;
		}

		@Override
		public InputStream body() {
			return new ByteArrayInputStream(this.bytes);
		}

		@Override
		public void close() {
		}

	}

}
