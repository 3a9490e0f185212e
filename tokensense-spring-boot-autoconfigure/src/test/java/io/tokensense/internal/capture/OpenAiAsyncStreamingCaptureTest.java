package io.tokensense.internal.capture;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.TokenSenseContext;
import io.tokensense.testsupport.AsyncStreams;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real async openai-java client streaming chat completions from a loopback server:
 * {@code AsyncStreamResponse.subscribe} with and without an executor, and
 * {@code onCompleteFuture()}.
 */
class OpenAiAsyncStreamingCaptureTest {

	private static final List<String> PIECES = StreamPayloads.HELLO_THERE;

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsOneStreamedEventWithTheUsageOfTheFinalChunk() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-a1", 1200, 1000, 300)));
		AsyncStreams<ChatCompletionChunk> seen = new AsyncStreams<>();
		AsyncStreamResponse<ChatCompletionChunk> response = observed().chat().completions()
			.createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"));
		response.subscribe(seen.openAi());
		response.onCompleteFuture().join();
		seen.awaitCompletion();

		assertThat(seen.elements()).hasSize(6);
		assertThat(seen.error()).isNull();
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.requestModel()).isEqualTo("gpt-4o-mini");
		assertThat(event.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(event.requestId()).isEqualTo("chatcmpl-a1");
		assertThat(event.inputTokens()).isEqualTo(1200);
		assertThat(event.cacheReadTokens()).isEqualTo(1000);
		assertThat(event.outputTokens()).isEqualTo(300);
		// gpt-4o-mini: 200 × $0.15 / M + 1000 × $0.075 / M (cached) + 300 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.000285");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.timeToFirstToken()).isNotNull().isPositive().isLessThanOrEqualTo(event.latency());
	}

	@Test
	void deliversTheSameChunksInTheSameOrderAsTheSdkOnTheCallersExecutor() {
		String body = StreamPayloads.openAiSseWithUsage("chatcmpl-a2", 10, 0, 5);
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		AtomicInteger executed = new AtomicInteger();
		try {
			AsyncStreams<ChatCompletionChunk> direct = new AsyncStreams<>();
			plainClient().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini")).subscribe(direct.openAi(), executor);
			direct.awaitCompletion();
			AsyncStreams<ChatCompletionChunk> observed = new AsyncStreams<>();
			observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini")).subscribe(observed.openAi(), (task) -> {
				executed.incrementAndGet();
				executor.execute(task);
			});
			observed.awaitCompletion();

			assertThat(observed.elements()).isEqualTo(direct.elements()).hasSize(6);
		}
		finally {
			executor.shutdown();
		}
		assertThat(executed).hasPositiveValue();
		assertThat(this.sink.single().status()).isEqualTo(CallStatus.SUCCESS);
	}

	@Test
	void subscribeReturnsTheObservedResponseForChaining() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-a3", 10, 0, 5)));
		AsyncStreams<ChatCompletionChunk> seen = new AsyncStreams<>();
		AsyncStreamResponse<ChatCompletionChunk> response = observed().chat().completions()
			.createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"));

		assertThat(response.subscribe(seen.openAi())).isSameAs(response);
		seen.awaitCompletion();
		response.close();
		assertThat(this.sink.single().status()).isEqualTo(CallStatus.SUCCESS);
	}

	@Test
	void takesTheAttributionOfTheThreadThatMadeTheCall() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-a4", 10, 0, 5)));
		AsyncStreams<ChatCompletionChunk> seen = new AsyncStreams<>();
		AsyncStreamResponse<ChatCompletionChunk> response;
		try (var scope = TokenSenseContext.userId("alice").sessionId("s-1").open()) {
			response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"));
		}
		response.subscribe(seen.openAi());
		seen.awaitCompletion();

		CallEvent event = this.sink.single();
		assertThat(event.userId()).isEqualTo("alice");
		assertThat(event.sessionId()).isEqualTo("s-1");
	}

	@Test
	void recordsAResponseClosedBeforeItsEndAsCancelled() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-a5", 10, 0, 5)));
		AsyncStreamResponse<ChatCompletionChunk> response = observed().chat().completions()
			.createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"));
		response.close();
		response.close();

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.errorType()).isEqualTo("Cancelled");
		assertThat(event.streamed()).isTrue();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void recordsARateLimitOnOpeningTheStreamAsAStreamedError() {
		this.server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow")));
		AsyncStreams<ChatCompletionChunk> seen = new AsyncStreams<>();
		observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini")).subscribe(seen.openAi());
		seen.awaitCompletion();

		// the SDK hands the handler its future's failure, wrapped or not: either way the caller's own
		Throwable error = seen.error();
		assertThat((error instanceof CompletionException) ? error.getCause() : error)
			.isInstanceOf(com.openai.errors.RateLimitException.class);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.streamed()).isTrue();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void anExceptionOfTheCallersHandlerEndsTheStreamAsCancelled() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-a6", 10, 0, 5)));
		IllegalStateException own = new IllegalStateException("caller");
		AsyncStreams<ChatCompletionChunk> seen = new AsyncStreams<ChatCompletionChunk>().onEach((chunk) -> {
			throw own;
		});
		observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini")).subscribe(seen.openAi());
		seen.awaitCompletion();

		assertThat(seen.error()).isSameAs(own);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.requestId()).isEqualTo("chatcmpl-a6");
	}

	private OpenAIClientAsync observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private OpenAIClientAsync plainClient() {
		return OpenAIOkHttpClientAsync.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key").maxRetries(0)
			.build();
	}

}
