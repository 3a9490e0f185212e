package io.tokensense.internal.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.Hold;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.ResponsesPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code withRawResponse()} of the real openai-java client against a loopback server: the
 * call is recorded once, when the body is parsed, with the header's request id when the
 * body has none; status code and headers stay the SDK's.
 */
class OpenAiRawResponseCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsARawChatCompletionOnceWhenItIsParsed() {
		String body = ProviderPayloads.openAiChat("chatcmpl-r1", "gpt-4o-mini-2024-07-18", 1200, 1000, 300, 0);
		this.server.enqueue(Reply.json(body)).enqueue(Reply.json(body));
		ChatCompletion direct = plainClient().chat().completions().withRawResponse()
			.create(Requests.openAiChat("gpt-4o-mini")).parse();
		HttpResponseFor<ChatCompletion> raw = observed().chat().completions().withRawResponse()
			.create(Requests.openAiChat("gpt-4o-mini"));

		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(raw.requestId()).contains("req_loopback");
		assertThat(this.sink.events()).isEmpty();
		ChatCompletion parsed = raw.parse();
		assertThat(raw.parse()).isSameAs(parsed);
		raw.close();

		assertThat(parsed).isEqualTo(direct);
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.requestId()).isEqualTo("chatcmpl-r1");
		assertThat(event.inputTokens()).isEqualTo(1200);
		// gpt-4o-mini: 200 × $0.15 / M + 1000 × $0.075 / M (cached) + 300 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.000285");
	}

	@Test
	void takesTheRequestIdFromTheHeaderWhenTheBodyHasNone() {
		this.server.enqueue(Reply.json("""
				{"object":"chat.completion","created":1764201600,"model":"gpt-4o-mini",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
				"""));
		observed().chat().completions().withRawResponse().create(Requests.openAiChat("gpt-4o-mini")).parse();

		assertThat(this.sink.single().requestId()).isEqualTo("req_loopback");
	}

	@Test
	void recordsARawResponseClosedUnparsedWithoutUsage() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-r2", "gpt-4o-mini", 10, 0, 5, 0)));
		try (HttpResponseFor<ChatCompletion> raw = observed().chat().completions().withRawResponse()
			.create(Requests.openAiChat("gpt-4o-mini"))) {
			assertThat(raw.body()).isNotNull();
		}

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
		assertThat(event.requestId()).isEqualTo("req_loopback");
	}

	@Test
	void recordsAnErrorStatusOfARawCallAtOnce() {
		this.server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow")));
		Throwable thrown = catchThrowable(() -> observed().chat().completions().withRawResponse()
			.create(Requests.openAiChat("gpt-4o-mini")));

		assertThat(thrown).isInstanceOf(RateLimitException.class);
		assertThat(this.sink.single().errorType()).isEqualTo("429");
	}

	@Test
	void recordsAnAsyncRawChatCompletionWhenItIsParsed() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-r3", "gpt-4o-mini", 1000, 0, 100, 0)));
		CompletableFuture<HttpResponseFor<ChatCompletion>> future = observedAsync().chat().completions()
			.withRawResponse().create(Requests.openAiChat("gpt-4o-mini"));
		HttpResponseFor<ChatCompletion> raw = future.join();
		assertThat(this.sink.events()).isEmpty();
		raw.parse();

		CallEvent event = this.sink.single();
		assertThat(event.requestId()).isEqualTo("chatcmpl-r3");
		// gpt-4o-mini: 1000 × $0.15 / M + 100 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00021");
	}

	@Test
	void recordsRawResponsesOfTheResponsesApiSyncAndAsync() {
		String body = ResponsesPayloads.response("resp_r1", "gpt-5-mini", "completed",
				ResponsesPayloads.usage(2000, 1500, 800, 500));
		this.server.enqueue(Reply.json(body)).enqueue(Reply.json(body));
		ResponseCreateParams request = ResponseCreateParams.builder().model(ChatModel.of("gpt-5-mini")).input("hi").build();
		Response sync = observed().responses().withRawResponse().create(request).parse();
		Response async = observedAsync().responses().withRawResponse().create(request).join().parse();

		assertThat(async).isEqualTo(sync);
		assertThat(this.sink.events()).hasSize(2).allSatisfy((event) -> {
			assertThat(event.operation()).isEqualTo("responses");
			// gpt-5-mini: 500 × $0.25 / M + 1500 × $0.025 / M + 800 × $2 / M
			assertThat(event.costUsd()).isEqualByComparingTo("0.0017625");
		});
	}

	@Test
	void observesTheStreamOfARawStreamingCall() {
		List<String> chunks = new ArrayList<>(
				StreamPayloads.openAiChunks("chatcmpl-r4", "gpt-4o-mini", List.of("Hi"), true));
		chunks.add(StreamPayloads.openAiUsageChunk("chatcmpl-r4", "gpt-4o-mini", 10, 0, 5));
		String body = StreamPayloads.openAiSse(chunks);
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		var request = Requests.openAiChat("gpt-4o-mini").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
		List<ChatCompletionChunk> direct;
		try (StreamResponse<ChatCompletionChunk> stream = plainClient().chat().completions().withRawResponse()
			.createStreaming(request).parse()) {
			direct = stream.stream().toList();
		}
		List<ChatCompletionChunk> observed;
		HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = observedAsync().chat().completions()
			.withRawResponse().createStreaming(request).join();
		assertThat(this.sink.events()).isEmpty();
		try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
			observed = stream.stream().toList();
		}

		assertThat(observed).isEqualTo(direct).hasSize(4);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.inputTokens()).isEqualTo(10);
		// gpt-4o-mini: 10 × $0.15 / M + 5 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.0000045");
	}

	/**
	 * The async raw call's future is TokenSense's own; cancelling it must cancel the SDK's
	 * future, whose completion alone records the call: the event arrives while the reply is held.
	 */
	@Test
	void cancellingAnAsyncRawCallCancelsTheSdkFuture() throws Exception {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-r9", "gpt-4o-mini", 1000, 0, 100, 0)));
		Hold hold = this.server.holdNext();
		try {
			CompletableFuture<HttpResponseFor<ChatCompletion>> future = observedAsync().chat().completions()
				.withRawResponse().create(Requests.openAiChat("gpt-4o-mini"));
			hold.awaitArrival();
			assertThat(future.cancel(true)).isTrue();

			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.sink.events().size() == 1);
			assertThat(this.sink.single().status()).isEqualTo(CallStatus.CANCELLED);
			assertThat(future).isCancelled();
		}
		finally {
			hold.release();
		}
	}

	private OpenAIClient observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private OpenAIClientAsync observedAsync() {
		return ClientProxies.observe(OpenAIOkHttpClientAsync.builder().baseUrl(this.server.url("/v1"))
			.apiKey("sk-test-key").maxRetries(0).build(), ObserveOptions.defaults(), this.sink.route());
	}

	private OpenAIClient plainClient() {
		return OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key").maxRetries(0).build();
	}

}
