package io.tokensense.internal.capture;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
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
 * The real async anthropic-java client streaming messages (plain and beta) from a loopback
 * server that speaks Anthropic's server-sent events.
 */
class AnthropicAsyncStreamingCaptureTest {

	private static final String SONNET = "claude-sonnet-4-5-20250929";

	private static final String HAIKU = "claude-haiku-4-5-20251001";

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsInputAndCacheFromTheStartAndOutputFromTheLastDelta() {
		this.server.enqueue(StreamPayloads.sse(cachedSonnetStream("msg_a1")));
		AsyncStreams<RawMessageStreamEvent> seen = new AsyncStreams<>();
		AsyncStreamResponse<RawMessageStreamEvent> response = observed().messages()
			.createStreaming(Requests.anthropicMessage("claude-sonnet-4-5"));
		response.subscribe(seen.anthropic());
		seen.awaitCompletion();
		response.onCompleteFuture().join();

		assertThat(seen.elements()).hasSize(8);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.operation()).isEqualTo("messages");
		assertThat(event.responseModel()).isEqualTo(SONNET);
		assertThat(event.requestId()).isEqualTo("msg_a1");
		assertThat(event.inputTokens()).isEqualTo(7100);
		assertThat(event.cacheReadTokens()).isEqualTo(5000);
		assertThat(event.cacheWriteTokens()).isEqualTo(2000);
		assertThat(event.outputTokens()).isEqualTo(120);
		// claude-sonnet-4-5: 100 × $3 / M + 5000 × $0.30 / M (read) + 1500 × $3.75 / M (5m write)
		// + 500 × $6 / M (1h write) + 120 × $15 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.012225");
		assertThat(event.timeToFirstToken()).isNotNull().isPositive().isLessThanOrEqualTo(event.latency());
	}

	@Test
	void deliversTheSameEventsInTheSameOrderAsTheSdk() {
		String body = cachedSonnetStream("msg_a2");
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		AsyncStreams<RawMessageStreamEvent> direct = new AsyncStreams<>();
		plainClient().messages().createStreaming(Requests.anthropicMessage("claude-sonnet-4-5"))
			.subscribe(direct.anthropic());
		direct.awaitCompletion();
		AsyncStreams<RawMessageStreamEvent> observed = new AsyncStreams<>();
		observed().messages().createStreaming(Requests.anthropicMessage("claude-sonnet-4-5"))
			.subscribe(observed.anthropic(), Runnable::run);
		observed.awaitCompletion();

		assertThat(observed.elements()).isEqualTo(direct.elements()).hasSize(8);
		assertThat(this.sink.events()).hasSize(1);
	}

	@Test
	void recordsAResponseClosedMidStreamAsCancelledWithTheUsageSeenSoFar() {
		this.server.enqueue(StreamPayloads.sse(haikuStream("msg_a3")));
		AtomicReference<AsyncStreamResponse<RawMessageStreamEvent>> response = new AtomicReference<>();
		AsyncStreams<RawMessageStreamEvent> seen = new AsyncStreams<RawMessageStreamEvent>().onEach((element) -> {
			if (element.isMessageStart()) {
				response.get().close();
			}
		});
		response.set(observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5")));
		response.get().subscribe(seen.anthropic());
		response.get().onCompleteFuture().join();

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.errorType()).isEqualTo("Cancelled");
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.outputTokens()).isEqualTo(1);
		// claude-haiku-4-5: 100 × $1 / M + 1 × $5 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.000105");
	}

	@Test
	void recordsAnOverloadedStreamAsAStreamedErrorWithTheUsageSeenSoFar() {
		String body = StreamPayloads.anthropicStart("msg_a4", HAIKU, 100, 0, 0, 0)
				+ StreamPayloads.anthropicError("overloaded_error", "Overloaded");
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		AsyncStreams<RawMessageStreamEvent> direct = new AsyncStreams<>();
		plainClient().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5")).subscribe(direct.anthropic());
		direct.awaitCompletion();
		AsyncStreams<RawMessageStreamEvent> seen = new AsyncStreams<>();
		observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5")).subscribe(seen.anthropic());
		seen.awaitCompletion();

		// the handler hears of the same failure as without TokenSense, after the same elements
		Throwable error = seen.error();
		assertThat(error).isNotNull().hasSameClassAs(direct.error()).hasMessage(direct.error().getMessage());
		assertThat(seen.elements()).isEqualTo(direct.elements());
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo(error.getClass().getSimpleName());
		assertThat(event.streamed()).isTrue();
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.requestId()).isEqualTo("msg_a4");
	}

	@Test
	void recordsARateLimitOnOpeningTheStream() {
		this.server.enqueue(Reply.json(429, ProviderPayloads.anthropicError("rate_limit_error", "slow")));
		AsyncStreams<RawMessageStreamEvent> seen = new AsyncStreams<>();
		observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5")).subscribe(seen.anthropic());
		seen.awaitCompletion();

		Throwable error = seen.error();
		assertThat((error instanceof CompletionException) ? error.getCause() : error)
			.isInstanceOf(com.anthropic.errors.RateLimitException.class);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.streamed()).isTrue();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void recordsBetaMessageStreams() {
		this.server.enqueue(StreamPayloads.sse(haikuStream("msg_a5")));
		AsyncStreams<BetaRawMessageStreamEvent> seen = new AsyncStreams<>();
		observed().beta().messages().createStreaming(com.anthropic.models.beta.messages.MessageCreateParams.builder()
			.model(Model.of("claude-haiku-4-5"))
			.maxTokens(256)
			.addUserMessage("Bonjour?")
			.build()).subscribe(seen.anthropic());
		seen.awaitCompletion();

		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("messages");
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.outputTokens()).isEqualTo(50);
		// claude-haiku-4-5: 100 × $1 / M + 50 × $5 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00035");
	}

	private static String cachedSonnetStream(String id) {
		return StreamPayloads.anthropicStart(id, SONNET, 100, 5000, 2000, 500)
				+ StreamPayloads.anthropicText(List.of("Bon", "jour")) + StreamPayloads.anthropicDelta("{\"output_tokens\":40}")
				+ StreamPayloads.anthropicDelta("{\"output_tokens\":120}") + StreamPayloads.anthropicStop();
	}

	private static String haikuStream(String id) {
		return StreamPayloads.anthropicStart(id, HAIKU, 100, 0, 0, 0) + StreamPayloads.anthropicText(List.of("Bon", "jour !"))
				+ StreamPayloads.anthropicDelta("{\"output_tokens\":50}") + StreamPayloads.anthropicStop();
	}

	private AnthropicClientAsync observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClientAsync plainClient() {
		return AnthropicOkHttpClientAsync.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test").maxRetries(0)
			.build();
	}

}
