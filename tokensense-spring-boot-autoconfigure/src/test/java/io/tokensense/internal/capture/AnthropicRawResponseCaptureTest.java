package io.tokensense.internal.capture;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
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
import io.tokensense.testsupport.StreamPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code withRawResponse()} of the real anthropic-java client against a loopback server:
 * messages, sync and async, and a raw stream.
 */
class AnthropicRawResponseCaptureTest {

	private static final String HAIKU = "claude-haiku-4-5-20251001";

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsARawMessageOnceWhenItIsParsed() {
		String body = ProviderPayloads.anthropicMessage("msg_r1", HAIKU, 100, 50, 0, 0, 0);
		this.server.enqueue(Reply.json(body)).enqueue(Reply.json(body));
		Message direct = plainClient().messages().withRawResponse().create(Requests.anthropicMessage("claude-haiku-4-5"))
			.parse();
		HttpResponseFor<Message> raw = observed().messages().withRawResponse()
			.create(Requests.anthropicMessage("claude-haiku-4-5"));

		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(this.sink.events()).isEmpty();
		Message parsed = raw.parse();
		raw.parse();
		raw.close();

		assertThat(parsed).isEqualTo(direct);
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("messages");
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.requestId()).isEqualTo("msg_r1");
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.outputTokens()).isEqualTo(50);
		// claude-haiku-4-5: 100 × $1 / M + 50 × $5 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00035");
	}

	@Test
	void recordsAnAsyncRawMessageWhenItIsParsed() {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_r2", HAIKU, 100, 50, 0, 0, 0)));
		HttpResponseFor<Message> raw = observedAsync().messages().withRawResponse()
			.create(Requests.anthropicMessage("claude-haiku-4-5"))
			.join();
		assertThat(this.sink.events()).isEmpty();
		raw.parse();

		CallEvent event = this.sink.single();
		assertThat(event.requestId()).isEqualTo("msg_r2");
		assertThat(event.costUsd()).isEqualByComparingTo("0.00035");
	}

	/**
	 * The async raw call returns a future of its own (the observed response); cancelling it must
	 * cancel the SDK's future, which alone records the call: the event arrives while the reply
	 * is still held.
	 */
	@Test
	void cancellingAnAsyncRawCallCancelsTheSdkFuture() throws Exception {
		this.server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_r5", HAIKU, 100, 50, 0, 0, 0)));
		Hold hold = this.server.holdNext();
		try {
			CompletableFuture<HttpResponseFor<Message>> future = observedAsync().messages().withRawResponse()
				.create(Requests.anthropicMessage("claude-haiku-4-5"));
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

	@Test
	void observesTheStreamOfARawStreamingCall() {
		String body = StreamPayloads.anthropicStart("msg_r3", HAIKU, 100, 0, 0, 0)
				+ StreamPayloads.anthropicText(List.of("Bon", "jour")) + StreamPayloads.anthropicDelta("{\"output_tokens\":50}")
				+ StreamPayloads.anthropicStop();
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		List<RawMessageStreamEvent> direct;
		try (StreamResponse<RawMessageStreamEvent> stream = plainClient().messages().withRawResponse()
			.createStreaming(Requests.anthropicMessage("claude-haiku-4-5")).parse()) {
			direct = stream.stream().toList();
		}
		List<RawMessageStreamEvent> observed;
		try (StreamResponse<RawMessageStreamEvent> stream = observed().messages().withRawResponse()
			.createStreaming(Requests.anthropicMessage("claude-haiku-4-5")).parse()) {
			observed = stream.stream().toList();
		}

		assertThat(observed).isEqualTo(direct).hasSize(7);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.requestId()).isEqualTo("msg_r3");
		assertThat(event.costUsd()).isEqualByComparingTo("0.00035");
	}

	@Test
	void recordsARawStreamClosedUnreadAsCancelled() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.anthropicStart("msg_r4", HAIKU, 100, 0, 0, 0)));
		observed().messages().withRawResponse().createStreaming(Requests.anthropicMessage("claude-haiku-4-5")).close();

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.streamed()).isTrue();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	private AnthropicClient observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClientAsync observedAsync() {
		return ClientProxies.observe(AnthropicOkHttpClientAsync.builder().baseUrl(this.server.url(""))
			.apiKey("sk-ant-test").maxRetries(0).build(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClient plainClient() {
		return AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test").maxRetries(0).build();
	}

}
