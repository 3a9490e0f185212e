package io.tokensense.internal.capture;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.TokenSenseContext;
import io.tokensense.testsupport.Hold;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real openai-java client against a loopback server speaking OpenAI's JSON.
 */
class OpenAiCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsExactTokensAndCostOfASyncChatCompletion() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-1", "gpt-4o-mini-2024-07-18", 1200, 1000,
				300, 0)));
		ChatCompletion completion = observed().chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		assertThat(completion.id()).isEqualTo("chatcmpl-1");
		CallEvent event = this.sink.single();
		assertThat(event.provider()).isEqualTo("openai");
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.requestModel()).isEqualTo("gpt-4o-mini");
		assertThat(event.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(event.inputTokens()).isEqualTo(1200);
		assertThat(event.cacheReadTokens()).isEqualTo(1000);
		assertThat(event.cacheWriteTokens()).isZero();
		assertThat(event.outputTokens()).isEqualTo(300);
		assertThat(event.reasoningTokens()).isZero();
		assertThat(event.totalTokens()).isEqualTo(1500);
		// gpt-4o-mini: $0.15 / M input, $0.075 / M cached input, $0.60 / M output
		BigDecimal expected = new BigDecimal("200").multiply(new BigDecimal("0.00000015"))
			.add(new BigDecimal("1000").multiply(new BigDecimal("0.000000075")))
			.add(new BigDecimal("300").multiply(new BigDecimal("0.0000006")));
		assertThat(event.costUsd()).isEqualByComparingTo(expected).isEqualByComparingTo("0.000285");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.errorType()).isNull();
		assertThat(event.requestId()).isEqualTo("chatcmpl-1");
		assertThat(event.streamed()).isFalse();
		assertThat(event.latency()).isPositive();
	}

	@Test
	void countsReasoningTokensInsideOutputAndPricesThem() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-2", "o4-mini-2025-04-16", 500, 0, 2000,
				1500)));
		observed().chat().completions().create(Requests.openAiChat("o4-mini"));

		CallEvent event = this.sink.single();
		assertThat(event.outputTokens()).isEqualTo(2000);
		assertThat(event.reasoningTokens()).isEqualTo(1500);
		// o4-mini: $1.10 / M input, $4.40 / M output (reasoning billed as output)
		assertThat(event.costUsd()).isEqualByComparingTo("0.00935");
	}

	@Test
	void returnsTheSdkResultUnchanged() {
		String body = ProviderPayloads.openAiChat("chatcmpl-3", "gpt-4o", 10, 0, 5, 0);
		this.server.enqueue(Reply.json(body)).enqueue(Reply.json(body));
		ChatCompletion direct = plainClient().chat().completions().create(Requests.openAiChat("gpt-4o"));
		ChatCompletion throughProxy = observed().chat().completions().create(Requests.openAiChat("gpt-4o"));

		assertThat(throughProxy).isEqualTo(direct);
		assertThat(throughProxy.getClass()).isEqualTo(direct.getClass());
		assertThat(this.sink.events()).hasSize(1);
	}

	@Test
	void recordsARateLimitAsAnErrorWithItsStatusAndRethrowsTheSdkException() {
		String error = ProviderPayloads.openAiError("rate_limit_exceeded", "Slow down, secret-detail");
		this.server.enqueue(Reply.json(429, error)).enqueue(Reply.json(429, error));
		Throwable direct = catchThrowable(() -> plainClient().chat().completions().create(Requests.openAiChat("gpt-4o")));
		Throwable observed = catchThrowable(() -> observed().chat().completions().create(Requests.openAiChat("gpt-4o")));

		assertThat(observed).isInstanceOf(RateLimitException.class)
			.hasMessage(direct.getMessage())
			.hasSameClassAs(direct);
		assertThat(((OpenAIServiceException) observed).statusCode()).isEqualTo(429);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
		assertThat(event.inputTokens()).isNull();
		assertThat(event.toString()).doesNotContain("secret-detail");
	}

	@Test
	void recordsAServerErrorWithItsStatus() {
		this.server.enqueue(Reply.json(500, ProviderPayloads.openAiError("server_error", "boom")));
		assertThatThrownBy(() -> observed().chat().completions().create(Requests.openAiChat("gpt-4o")))
			.isInstanceOf(InternalServerException.class);
		assertThat(this.sink.single().errorType()).isEqualTo("500");
	}

	@Test
	void recordsAMalformedBodyAsAnErrorNamedByExceptionClass() {
		this.server.enqueue(Reply.json("{\"id\": \"chatcmpl-broken\", \"choices\": [ {"));
		Throwable thrown = catchThrowable(() -> observed().chat().completions().create(Requests.openAiChat("gpt-4o")));

		assertThat(thrown).isNotNull();
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo(thrown.getClass().getSimpleName());
	}

	@Test
	void recordsAResponseWithoutUsageAsNoUsage() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChatWithoutUsage("chatcmpl-4", "gpt-4o")));
		observed().chat().completions().create(Requests.openAiChat("gpt-4o"));

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
		assertThat(event.inputTokens()).isNull();
		assertThat(event.totalTokens()).isNull();
		assertThat(event.costUsd()).isNull();
	}

	@Test
	void recordsAnUnknownModelWithTokensButNoCost() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-5", "my-private-model", 10, 0, 5, 0)));
		observed().chat().completions().create(Requests.openAiChat("my-private-model"));

		CallEvent event = this.sink.single();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.UNKNOWN_MODEL);
		assertThat(event.costUsd()).isNull();
		assertThat(event.inputTokens()).isEqualTo(10);
	}

	@Test
	void recordsAResponseWithoutModelOrIdAndPricesTheRequestModel() {
		this.server.enqueue(Reply.json("""
				{"object":"chat.completion","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":100}}
				"""));
		observed().chat().completions().create(Requests.openAiChat("gpt-4o"));

		CallEvent event = this.sink.single();
		assertThat(event.responseModel()).isNull();
		assertThat(event.requestId()).isNull();
		// gpt-4o: $2.50 / M input, $10 / M output
		assertThat(event.costUsd()).isEqualByComparingTo("0.0035");
	}

	@Test
	void recordsAnAsyncCallWhenItsFutureCompletesAndReturnsTheSdkFuture() throws Exception {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-6", "gpt-4o-mini", 100, 0, 50, 0)));
		OpenAIClientAsync client = ClientProxies.observe(OpenAIOkHttpClientAsync.builder()
			.baseUrl(this.server.url("/v1"))
			.apiKey("sk-test-key")
			.maxRetries(0)
			.build(), ObserveOptions.defaults(), this.sink.route());

		CompletableFuture<ChatCompletion> future;
		try (var scope = TokenSenseContext.userId("alice").sessionId("s-1").tags("beta").open()) {
			future = client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		}
		ChatCompletion completion = future.get(10, TimeUnit.SECONDS);

		assertThat(completion.id()).isEqualTo("chatcmpl-6");
		CallEvent event = awaitSingle();
		assertThat(event.userId()).isEqualTo("alice");
		assertThat(event.sessionId()).isEqualTo("s-1");
		assertThat(event.tags()).containsExactly("beta");
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.costUsd()).isEqualByComparingTo("0.000045");
	}

	@Test
	void recordsAFailedAsyncCallAndCompletesTheFutureWithTheSdkException() {
		this.server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow")));
		OpenAIClientAsync client = ClientProxies.observe(OpenAIOkHttpClientAsync.builder()
			.baseUrl(this.server.url("/v1"))
			.apiKey("sk-test-key")
			.maxRetries(0)
			.build(), ObserveOptions.defaults(), this.sink.route());

		CompletableFuture<ChatCompletion> future = client.chat().completions().create(Requests.openAiChat("gpt-4o"));

		assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RateLimitException.class);
		assertThat(awaitSingle().errorType()).isEqualTo("429");
	}

	/**
	 * The reply is held, so cancel wins; the proxy records on the SDK's own future completing,
	 * so a CANCELLED event while the reply is still held shows the cancel reached that future.
	 */
	@Test
	void recordsACancelledAsyncCallAsCancelledWhileTheReplyIsStillHeld() throws Exception {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-c1", "gpt-4o-mini", 100, 0, 50, 0)));
		Hold hold = this.server.holdNext();
		try {
			OpenAIClientAsync client = ClientProxies.observe(OpenAIOkHttpClientAsync.builder()
				.baseUrl(this.server.url("/v1"))
				.apiKey("sk-test-key")
				.maxRetries(0)
				.build(), ObserveOptions.defaults(), this.sink.route());
			CompletableFuture<ChatCompletion> future = client.chat().completions()
				.create(Requests.openAiChat("gpt-4o-mini"));
			hold.awaitArrival();
			assertThat(future.cancel(true)).isTrue();

			assertThat(awaitSingle().status()).isEqualTo(CallStatus.CANCELLED);
			assertThat(future).isCancelled();
		}
		finally {
			hold.release();
		}
	}

	@Test
	void observesClientsReachedThroughWithOptionsAndAsync() throws Exception {
		String body = ProviderPayloads.openAiChat("chatcmpl-7", "gpt-4o", 10, 0, 5, 0);
		this.server.always(Reply.json(body));
		OpenAIClient client = observed();

		client.withOptions((options) -> options.maxRetries(0)).chat().completions().create(Requests.openAiChat("gpt-4o"));
		client.chat().withOptions((options) -> options.maxRetries(0)).completions().create(Requests.openAiChat("gpt-4o"));
		client.async().chat().completions().create(Requests.openAiChat("gpt-4o")).get(10, TimeUnit.SECONDS);
		client.async().sync().chat().completions().create(Requests.openAiChat("gpt-4o"));

		assertThat(ClientProxies.isObserved(client.withOptions((options) -> options.maxRetries(1)))).isTrue();
		assertThat(ClientProxies.isObserved(client.async())).isTrue();
		awaitCount(4);
	}

	@Test
	void namesGroqFromTheResponseFingerprintAndReadsUsageUnderXGroq() {
		this.server.enqueue(Reply.json(ProviderPayloads.groqChatUsageInXGroq("chatcmpl-8", "llama-3.3-70b-versatile",
				1000, 200)));
		observed().chat().completions().create(Requests.openAiChat("llama-3.3-70b-versatile"));

		CallEvent event = this.sink.single();
		assertThat(event.provider()).isEqualTo("groq");
		assertThat(event.inputTokens()).isEqualTo(1000);
		assertThat(event.outputTokens()).isEqualTo(200);
		// groq/llama-3.3-70b-versatile: $0.59 / M input, $0.79 / M output
		assertThat(event.costUsd()).isEqualByComparingTo("0.000748");
	}

	@Test
	void keepsPromptsAndResponsesOutUnlessAskedAndNeverTheApiKey() {
		String body = ProviderPayloads.openAiChat("chatcmpl-9", "gpt-4o", 10, 0, 5, 0);
		this.server.always(Reply.json(body));
		observed().chat().completions().create(Requests.openAiChat("gpt-4o"));
		OpenAIClient capturing = ClientProxies.observe(plainClient(),
				ObserveOptions.builder().logPrompts(true).logResponses(true).build(), this.sink.route());
		capturing.chat().completions().create(Requests.openAiChat("gpt-4o"));

		CallEvent plain = this.sink.events().get(0);
		CallEvent captured = this.sink.events().get(1);
		assertThat(plain.prompt()).isNull();
		assertThat(plain.response()).isNull();
		assertThat(captured.prompt()).contains("Say hello").contains("\"model\":\"gpt-4o\"");
		assertThat(captured.response()).isEqualTo("Hello from gpt-4o");
		assertThat(this.sink.events()).allSatisfy((event) -> assertThat(event.toString()).doesNotContain("sk-test-key"));
		assertThat(this.server.requests().get(0).authorization()).isEqualTo("Bearer sk-test-key");
	}

	private OpenAIClient observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private OpenAIClient plainClient() {
		return OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key").maxRetries(0).build();
	}


	private CallEvent awaitSingle() {
		awaitCount(1);
		return this.sink.single();
	}

	private void awaitCount(int count) {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.sink.events()).hasSize(count));
	}

}
