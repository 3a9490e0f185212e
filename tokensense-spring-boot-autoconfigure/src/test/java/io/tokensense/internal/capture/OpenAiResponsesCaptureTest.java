package io.tokensense.internal.capture;

import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.AsyncStreams;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.ResponsesPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real openai-java client calling the Responses API, plainly and streamed, against a
 * loopback server: cached and reasoning tokens, usage of the last stream event.
 */
class OpenAiResponsesCaptureTest {

	private static final String SNAPSHOT = "gpt-5-mini-2025-08-07";

	/** 2000 in (1500 cached), 800 out (500 reasoning). */
	private static final String USAGE = ResponsesPayloads.usage(2000, 1500, 800, 500);

	/** gpt-5-mini: 500 × $0.25 / M + 1500 × $0.025 / M (cached) + 800 × $2 / M (reasoning at the output price). */
	private static final String COST = "0.0017625";

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsAResponseWithCachedAndReasoningTokens() {
		this.server.enqueue(Reply.json(ResponsesPayloads.response("resp_1", SNAPSHOT, "completed", USAGE)));
		Response response = observed().responses().create(request());

		assertThat(response.id()).isEqualTo("resp_1");
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("responses");
		assertThat(event.streamed()).isFalse();
		assertThat(event.requestModel()).isEqualTo("gpt-5-mini");
		assertThat(event.responseModel()).isEqualTo(SNAPSHOT);
		assertThat(event.requestId()).isEqualTo("resp_1");
		assertThat(event.inputTokens()).isEqualTo(2000);
		assertThat(event.cacheReadTokens()).isEqualTo(1500);
		assertThat(event.outputTokens()).isEqualTo(800);
		assertThat(event.reasoningTokens()).isEqualTo(500);
		assertThat(event.totalTokens()).isEqualTo(2800);
		assertThat(event.costUsd()).isEqualByComparingTo(COST);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	@Test
	void recordsAStreamedResponseFromItsCompletedEvent() {
		this.server.enqueue(StreamPayloads.sse(ResponsesPayloads.stream("resp_2", SNAPSHOT, "completed", USAGE)));
		List<ResponseStreamEvent> events;
		try (StreamResponse<ResponseStreamEvent> stream = observed().responses().createStreaming(request())) {
			events = stream.stream().toList();
		}

		assertThat(events).hasSize(5);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.operation()).isEqualTo("responses");
		assertThat(event.responseModel()).isEqualTo(SNAPSHOT);
		assertThat(event.requestId()).isEqualTo("resp_2");
		assertThat(event.inputTokens()).isEqualTo(2000);
		assertThat(event.cacheReadTokens()).isEqualTo(1500);
		assertThat(event.reasoningTokens()).isEqualTo(500);
		assertThat(event.costUsd()).isEqualByComparingTo(COST);
		assertThat(event.timeToFirstToken()).isNotNull().isLessThanOrEqualTo(event.latency());
	}

	@Test
	void deliversTheSameStreamEventsAsTheSdk() {
		String body = ResponsesPayloads.stream("resp_3", SNAPSHOT, "completed", USAGE);
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		List<ResponseStreamEvent> direct;
		try (var stream = plainClient().responses().createStreaming(request())) {
			direct = stream.stream().toList();
		}
		List<ResponseStreamEvent> observed;
		try (var stream = observed().responses().createStreaming(request())) {
			observed = stream.stream().toList();
		}

		assertThat(observed).isEqualTo(direct).hasSize(5);
		assertThat(this.sink.events()).hasSize(1);
	}

	@Test
	void readsTheUsageOfAFailedOrIncompleteResponse() {
		this.server.enqueue(StreamPayloads.sse(ResponsesPayloads.stream("resp_4", SNAPSHOT, "failed", USAGE)))
			.enqueue(StreamPayloads.sse(ResponsesPayloads.stream("resp_5", SNAPSHOT, "incomplete", USAGE)));
		try (var stream = observed().responses().createStreaming(request())) {
			stream.stream().forEach((event) -> {
			});
		}
		try (var stream = observed().responses().createStreaming(request())) {
			stream.stream().forEach((event) -> {
			});
		}

		// the README: a failed or incomplete response is a finished stream, not an error of the call
		assertThat(this.sink.events()).hasSize(2).allSatisfy((event) -> {
			assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
			assertThat(event.errorType()).isNull();
			assertThat(event.streamed()).isTrue();
			assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
			assertThat(event.inputTokens()).isEqualTo(2000);
			assertThat(event.reasoningTokens()).isEqualTo(500);
			assertThat(event.costUsd()).isEqualByComparingTo(COST);
		});
		assertThat(this.sink.events()).extracting(CallEvent::requestId).containsExactly("resp_4", "resp_5");
	}

	@Test
	void recordsAStreamClosedBeforeTheCompletedEventWithoutUsage() {
		this.server.enqueue(StreamPayloads.sse(ResponsesPayloads.stream("resp_6", SNAPSHOT, "completed", USAGE)));
		try (var stream = observed().responses().createStreaming(request())) {
			assertThat(stream.stream().findFirst()).isPresent();
		}

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.requestId()).isEqualTo("resp_6");
		assertThat(event.responseModel()).isEqualTo(SNAPSHOT);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void recordsAnAsyncStreamedResponse() {
		this.server.enqueue(StreamPayloads.sse(ResponsesPayloads.stream("resp_7", SNAPSHOT, "completed", USAGE)));
		AsyncStreams<ResponseStreamEvent> seen = new AsyncStreams<>();
		observedAsync().responses().createStreaming(request()).subscribe(seen.openAi());
		seen.awaitCompletion();

		assertThat(seen.elements()).hasSize(5);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.operation()).isEqualTo("responses");
		assertThat(event.costUsd()).isEqualByComparingTo(COST);
	}

	@Test
	void recordsAnAsyncResponse() {
		this.server.enqueue(Reply.json(ResponsesPayloads.response("resp_8", SNAPSHOT, "completed", USAGE)));
		Response response = observedAsync().responses().create(request()).join();

		assertThat(response.id()).isEqualTo("resp_8");
		assertThat(this.sink.single().costUsd()).isEqualByComparingTo(COST);
	}

	private static ResponseCreateParams request() {
		return ResponseCreateParams.builder().model(ChatModel.of("gpt-5-mini")).input("Say hi").build();
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
