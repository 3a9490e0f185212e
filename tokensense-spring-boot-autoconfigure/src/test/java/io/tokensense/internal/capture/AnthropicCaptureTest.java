package io.tokensense.internal.capture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real anthropic-java client against a loopback server speaking Anthropic's JSON.
 */
class AnthropicCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void sumsTheThreeInputCountsAndPricesCacheReadsAndWrites() {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_01", "claude-sonnet-4-5-20250929", 100,
				300, 2000, 500, 200)));
		Message message = observed().messages().create(Requests.anthropicMessage("claude-sonnet-4-5"));

		assertThat(message.id()).isEqualTo("msg_01");
		CallEvent event = this.sink.single();
		assertThat(event.provider()).isEqualTo("anthropic");
		assertThat(event.operation()).isEqualTo("messages");
		assertThat(event.requestModel()).isEqualTo("claude-sonnet-4-5");
		assertThat(event.responseModel()).isEqualTo("claude-sonnet-4-5-20250929");
		assertThat(event.inputTokens()).isEqualTo(2600);
		assertThat(event.cacheReadTokens()).isEqualTo(2000);
		assertThat(event.cacheWriteTokens()).isEqualTo(500);
		assertThat(event.outputTokens()).isEqualTo(300);
		assertThat(event.totalTokens()).isEqualTo(2900);
		// claude-sonnet-4-5: $3 / M input, $0.30 / M cache read, $3.75 / M 5-minute cache write,
		// $6 / M one-hour cache write, $15 / M output
		// 100*3 + 2000*0.3 + 300*3.75 + 200*6 + 300*15 = 300 + 600 + 1125 + 1200 + 4500 = 7725 per M
		assertThat(event.costUsd()).isEqualByComparingTo("0.007725");
		assertThat(event.requestId()).isEqualTo("msg_01");
	}

	@Test
	void returnsTheSdkResultUnchanged() {
		String body = ProviderPayloads.anthropicMessage("msg_02", "claude-haiku-4-5", 10, 5, 0, 0, 0);
		this.server.enqueue(Reply.json(body)).enqueue(Reply.json(body));
		Message direct = plainClient().messages().create(Requests.anthropicMessage("claude-haiku-4-5"));
		Message observed = observed().messages().create(Requests.anthropicMessage("claude-haiku-4-5"));

		assertThat(observed).isEqualTo(direct);
		assertThat(this.sink.events()).hasSize(1);
	}

	@Test
	void recordsARateLimitWithItsStatusAndRethrowsTheSdkException() {
		String error = ProviderPayloads.anthropicError("rate_limit_error", "Number of requests exceeded");
		this.server.enqueue(Reply.json(429, error)).enqueue(Reply.json(429, error));
		Throwable direct = catchThrowable(() -> plainClient().messages().create(Requests.anthropicMessage("claude-haiku-4-5")));
		Throwable observed = catchThrowable(() -> observed().messages().create(Requests.anthropicMessage("claude-haiku-4-5")));

		assertThat(observed).isInstanceOf(RateLimitException.class).hasSameClassAs(direct).hasMessage(direct.getMessage());
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
	}

	@Test
	void recordsAMessageWithoutUsageAsNoUsage() {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessageWithoutUsage("msg_03", "claude-haiku-4-5")));
		observed().messages().create(Requests.anthropicMessage("claude-haiku-4-5"));

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
		assertThat(event.inputTokens()).isNull();
	}

	@Test
	void recordsAnAsyncMessageWithTheCallersContext() throws Exception {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_04", "claude-haiku-4-5-20251001", 1000,
				200, 0, 0, 0)));
		AnthropicClientAsync client = observedAsync();

		CompletableFuture<Message> future;
		try (var scope = TokenSenseContext.userId("bob").open()) {
			future = client.messages().create(Requests.anthropicMessage("claude-haiku-4-5"));
		}
		future.get(10, TimeUnit.SECONDS);

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.sink.events().size() == 1);
		CallEvent event = this.sink.single();
		assertThat(event.userId()).isEqualTo("bob");
		// claude-haiku-4-5: $1 / M input, $5 / M output
		assertThat(event.costUsd()).isEqualByComparingTo("0.002");
	}

	/**
	 * The reply is held until the event is in, so cancel wins and the event can only come from
	 * the SDK's own future completing as cancelled (the proxy records on that future's completion).
	 * anthropic-java does not abort its HTTP exchange when that future is cancelled (with or
	 * without TokenSense), so the server's side is not asserted.
	 */
	@Test
	void recordsACancelledAsyncCallAsCancelledWhileTheReplyIsStillHeld() throws Exception {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_05", "claude-haiku-4-5", 1, 1, 0, 0, 0)));
		Hold hold = this.server.holdNext();
		try {
			CompletableFuture<Message> future = observedAsync().messages()
				.create(Requests.anthropicMessage("claude-haiku-4-5"));
			hold.awaitArrival();
			assertThat(future.cancel(true)).as("the reply is held, so cancel wins").isTrue();

			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.sink.events().size() == 1);
			assertThat(this.sink.single().status()).isEqualTo(CallStatus.CANCELLED);
			assertThat(future).isCancelled();
		}
		finally {
			hold.release();
		}
	}

	@Test
	void keepsTheApiKeyOutEvenWithContentCapture() {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_06", "claude-haiku-4-5", 1, 1, 0, 0, 0)));
		AnthropicClient client = ClientProxies.observe(plainClient(),
				ObserveOptions.builder().logPrompts(true).logResponses(true).build(), this.sink.route());
		client.messages().create(Requests.anthropicMessage("claude-haiku-4-5"));

		CallEvent event = this.sink.single();
		assertThat(event.prompt()).contains("Bonjour?");
		assertThat(event.response()).isEqualTo("Bonjour from claude-haiku-4-5");
		assertThat(event.toString()).doesNotContain("sk-ant-test");
		assertThat(this.server.requests().get(0).headers()).contains("sk-ant-test");
	}

	@Test
	void doesNotRecordTokenCounting() {
		this.server.enqueue(Reply.json("{\"input_tokens\": 12}"));
		observed().messages()
			.countTokens(com.anthropic.models.messages.MessageCountTokensParams.builder()
				.model(Model.of("claude-haiku-4-5"))
				.addUserMessage("Bonjour?")
				.build());

		assertThat(this.sink.events()).isEmpty();
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void recordsABatchCreationWithoutTokens() {
		this.server.enqueue(Reply.json("""
				{"id": "msgbatch_01", "type": "message_batch", "processing_status": "in_progress",
				 "request_counts": {"processing": 1, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0},
				 "created_at": "2026-07-24T10:00:00Z", "expires_at": "2026-07-25T10:00:00Z",
				 "ended_at": null, "archived_at": null, "cancel_initiated_at": null, "results_url": null}"""));
		MessageBatch batch = observed().messages().batches().create(BatchCreateParams.builder()
			.addRequest(BatchCreateParams.Request.builder()
				.customId("first")
				.params(BatchCreateParams.Request.Params.builder()
					.model(Model.of("claude-haiku-4-5"))
					.maxTokens(64)
					.addUserMessage("Bonjour?")
					.build())
				.build())
			.build());

		assertThat(batch.id()).isEqualTo("msgbatch_01");
		assertThat(this.server.requests().get(0).path()).isEqualTo("/v1/messages/batches");
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("batches");
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.inputTokens()).isNull();
		assertThat(event.outputTokens()).isNull();
		assertThat(event.costUsd()).isNull();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void observesTheAsyncSideAndWithOptions() {
		AnthropicClient client = observed();
		assertThat(ClientProxies.isObserved(client.async())).isTrue();
		assertThat(ClientProxies.isObserved(client.withOptions((options) -> options.maxRetries(1)))).isTrue();
		assertThat(ClientProxies.isObserved(client.messages())).isTrue();
		assertThat(ClientProxies.isObserved(client.beta().messages())).isTrue();
		assertThat(ClientProxies.isObserved(client.messages().batches())).isTrue();
	}

	@Test
	void failsClearlyForAnUnsupportedObject() {
		assertThatThrownBy(() -> ClientProxies.observe("not a client", ObserveOptions.defaults(), this.sink.route()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("java.lang.String")
			.hasMessageContaining("com.anthropic.client.AnthropicClient");
	}

	private AnthropicClient observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClientAsync observedAsync() {
		return ClientProxies.observe(AnthropicOkHttpClientAsync.builder()
			.baseUrl(this.server.url(""))
			.apiKey("sk-ant-test")
			.maxRetries(0)
			.build(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClient plainClient() {
		return AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test").maxRetries(0).build();
	}


}
