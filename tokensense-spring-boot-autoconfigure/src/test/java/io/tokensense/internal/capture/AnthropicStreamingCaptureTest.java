package io.tokensense.internal.capture;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real anthropic-java client streaming messages from a loopback server that speaks
 * Anthropic's server-sent events.
 */
class AnthropicStreamingCaptureTest {

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
		this.server.enqueue(StreamPayloads.sse(cachedSonnetStream("msg_s1")));
		List<RawMessageStreamEvent> events = new ArrayList<>();
		try (StreamResponse<RawMessageStreamEvent> response = observed().messages()
			.createStreaming(Requests.anthropicMessage("claude-sonnet-4-5"))) {
			response.stream().forEach(events::add);
		}

		// the SDK drops the ping
		assertThat(events).hasSize(8);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.provider()).isEqualTo("anthropic");
		assertThat(event.operation()).isEqualTo("messages");
		assertThat(event.requestModel()).isEqualTo("claude-sonnet-4-5");
		assertThat(event.responseModel()).isEqualTo(SONNET);
		assertThat(event.requestId()).isEqualTo("msg_s1");
		assertThat(event.inputTokens()).isEqualTo(7100);
		assertThat(event.cacheReadTokens()).isEqualTo(5000);
		assertThat(event.cacheWriteTokens()).isEqualTo(2000);
		// the last cumulative delta says 120: never 40 + 120
		assertThat(event.outputTokens()).isEqualTo(120);
		assertThat(event.totalTokens()).isEqualTo(7220);
		// claude-sonnet-4-5: 100 × $3 / M + 5000 × $0.30 / M (read) + 1500 × $3.75 / M (5m write)
		// + 500 × $6 / M (1h write) + 120 × $15 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.012225");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.timeToFirstToken()).isNotNull().isPositive().isLessThanOrEqualTo(event.latency());
	}

	@Test
	void deliversTheSameEventsInTheSameOrderAsTheSdk() {
		String body = cachedSonnetStream("msg_s2");
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		List<RawMessageStreamEvent> direct;
		try (var response = plainClient().messages().createStreaming(Requests.anthropicMessage("claude-sonnet-4-5"))) {
			direct = response.stream().toList();
		}
		List<RawMessageStreamEvent> observed;
		try (var response = observed().messages().createStreaming(Requests.anthropicMessage("claude-sonnet-4-5"))) {
			observed = response.stream().toList();
		}

		assertThat(observed).isEqualTo(direct).hasSize(8);
		assertThat(this.sink.events()).hasSize(1);
	}

	@Test
	void takesUpdatedInputCountsFromADeltaWhenTheyAreNotZero() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.anthropicStart("msg_s3", HAIKU, 100, 0, 0, 0)
				+ StreamPayloads.anthropicText(List.of("Hi"))
				+ StreamPayloads.anthropicDelta("{\"input_tokens\":0,\"output_tokens\":40}")
				+ StreamPayloads.anthropicDelta("{\"input_tokens\":130,\"cache_read_input_tokens\":0,\"output_tokens\":60}")
				+ StreamPayloads.anthropicStop()));
		try (Stream<RawMessageStreamEvent> events = observed().messages()
			.createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))
			.stream()) {
			events.forEach((event) -> {
			});
		}

		CallEvent event = this.sink.single();
		assertThat(event.inputTokens()).isEqualTo(130);
		assertThat(event.outputTokens()).isEqualTo(60);
		// claude-haiku-4-5: 130 × $1 / M + 60 × $5 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00043");
	}

	@Test
	void recordsAStreamClosedBeforeItsEndAsCancelledWithTheUsageSeenSoFar() {
		this.server.enqueue(StreamPayloads.sse(haikuStream("msg_s4")));
		try (var response = observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))) {
			Iterator<RawMessageStreamEvent> events = response.stream().iterator();
			events.next();
			events.next();
		}

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.errorType()).isEqualTo("Cancelled");
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.outputTokens()).isEqualTo(1);
		// claude-haiku-4-5: 100 × $1 / M + 1 × $5 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.000105");
		assertThat(event.timeToFirstToken()).isNotNull();
	}

	@Test
	void recordsAnErrorEventMidStreamAndRethrowsTheSdkException() {
		String body = StreamPayloads.anthropicStart("msg_s5", HAIKU, 100, 0, 0, 0)
				+ StreamPayloads.anthropicText(List.of("Hi")) + StreamPayloads.anthropicError("overloaded_error", "Overloaded");
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		List<RawMessageStreamEvent> seen = new ArrayList<>();
		Throwable direct = catchThrowable(() -> {
			try (var response = plainClient().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))) {
				response.stream().forEach((event) -> {
				});
			}
		});
		Throwable observed = catchThrowable(() -> {
			try (var response = observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))) {
				response.stream().forEach(seen::add);
			}
		});

		assertThat(direct).isNotNull();
		assertThat(observed).hasSameClassAs(direct).hasMessage(direct.getMessage());
		assertThat(seen).hasSize(4);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo(observed.getClass().getSimpleName());
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.outputTokens()).isEqualTo(1);
	}

	@Test
	void recordsARateLimitOnOpeningTheStream() {
		this.server.enqueue(Reply.json(429, ProviderPayloads.anthropicError("rate_limit_error", "slow")));
		Throwable thrown = catchThrowable(() -> {
			try (var response = observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))) {
				response.stream().toList();
			}
		});

		assertThat(thrown).isInstanceOf(RateLimitException.class);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.streamed()).isTrue();
	}

	@Test
	void observesBetaMessageStreams() {
		this.server.enqueue(StreamPayloads.sse(haikuStream("msg_s6")));
		List<BetaRawMessageStreamEvent> events;
		try (var response = observed().beta().messages().createStreaming(
				com.anthropic.models.beta.messages.MessageCreateParams.builder()
					.model(Model.of("claude-haiku-4-5"))
					.maxTokens(256)
					.addUserMessage("Bonjour?")
					.build())) {
			events = response.stream().toList();
		}

		assertThat(events).hasSize(7);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.requestModel()).isEqualTo("claude-haiku-4-5");
		assertThat(event.inputTokens()).isEqualTo(100);
		assertThat(event.outputTokens()).isEqualTo(50);
		// claude-haiku-4-5: 100 × $1 / M + 50 × $5 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00035");
	}

	@Test
	void capturesTheStreamedTextOnlyWhenAsked() {
		this.server.enqueue(StreamPayloads.sse(haikuStream("msg_s7")));
		AnthropicClient capturing = ClientProxies.observe(plainClient(),
				ObserveOptions.builder().logResponses(true).build(), this.sink.route());
		try (var response = capturing.messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))) {
			response.stream().toList();
		}

		assertThat(this.sink.single().response()).isEqualTo("Bonjour !");
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

	private AnthropicClient observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClient plainClient() {
		return AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test").maxRetries(0).build();
	}


	@Test
	@SuppressWarnings("unchecked")
	void readsThroughTheIterableOfSdkLinesWhoseStreamsAreIterable() {
		Assumptions.assumeTrue(Iterable.class.isAssignableFrom(StreamResponse.class),
				"this anthropic-java line's StreamResponse is not Iterable");
		this.server.enqueue(StreamPayloads.sse(haikuStream("msg_s9")));
		List<RawMessageStreamEvent> events = new ArrayList<>();
		try (var response = observed().messages().createStreaming(Requests.anthropicMessage("claude-haiku-4-5"))) {
			for (Object event : (Iterable<Object>) (Object) response) {
				events.add((RawMessageStreamEvent) event);
			}
		}
		assertThat(events).isNotEmpty();
		assertThat(this.sink.single().status()).isEqualTo(io.tokensense.CallStatus.SUCCESS);
	}

}
