package io.tokensense.internal.capture;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionChunk;
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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real openai-java client streaming chat completions from a loopback server that speaks
 * OpenAI's server-sent events.
 */
class OpenAiStreamingCaptureTest {

	private static final List<String> PIECES = StreamPayloads.HELLO_THERE;

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsOneStreamedEventWithTheUsageOfTheFinalChunk() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s1", 1200, 1000, 300)));
		List<ChatCompletionChunk> chunks;
		try (StreamResponse<ChatCompletionChunk> response = observed().chat().completions()
			.createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			chunks = response.stream().toList();
		}

		assertThat(chunks).hasSize(6);
		CallEvent event = this.sink.single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.errorType()).isNull();
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.provider()).isEqualTo("openai");
		assertThat(event.requestModel()).isEqualTo("gpt-4o-mini");
		assertThat(event.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(event.requestId()).isEqualTo("chatcmpl-s1");
		assertThat(event.inputTokens()).isEqualTo(1200);
		assertThat(event.cacheReadTokens()).isEqualTo(1000);
		assertThat(event.outputTokens()).isEqualTo(300);
		assertThat(event.totalTokens()).isEqualTo(1500);
		// gpt-4o-mini: 200 × $0.15 / M + 1000 × $0.075 / M (cached) + 300 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.000285");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.timeToFirstToken()).isNotNull().isPositive().isLessThanOrEqualTo(event.latency());
	}

	@Test
	void deliversTheSameChunksInTheSameOrderAsTheSdk() {
		String body = StreamPayloads.openAiSseWithUsage("chatcmpl-s2", 10, 0, 5);
		this.server.enqueue(StreamPayloads.sse(body)).enqueue(StreamPayloads.sse(body));
		List<ChatCompletionChunk> direct;
		try (var response = plainClient().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			direct = response.stream().toList();
		}
		List<ChatCompletionChunk> observed;
		try (var response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			observed = response.stream().toList();
		}

		assertThat(observed).isEqualTo(direct).hasSize(6);
		assertThat(this.sink.events()).hasSize(1);
	}

	@Test
	void recordsNoUsageWhenTheRequestDidNotAskForItAndLeavesTheRequestAlone() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSse(
				StreamPayloads.openAiChunks("chatcmpl-s3", "gpt-4o-mini", PIECES, false))));
		try (var response = observed().chat().completions().createStreaming(Requests.openAiChat("gpt-4o-mini"))) {
			assertThat(response.stream().count()).isEqualTo(5);
		}

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
		assertThat(event.inputTokens()).isNull();
		assertThat(event.costUsd()).isNull();
		assertThat(event.requestId()).isEqualTo("chatcmpl-s3");
		assertThat(this.server.requests().get(0).body()).contains("\"stream\":true").doesNotContain("stream_options");
	}

	@Test
	void recordsAStreamClosedBeforeItsEndAsCancelled() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s4", 1200, 1000, 300)));
		try (var response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			Iterator<ChatCompletionChunk> chunks = response.stream().iterator();
			chunks.next();
			chunks.next();
		}

		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.CANCELLED);
		assertThat(event.errorType()).isEqualTo("Cancelled");
		assertThat(event.streamed()).isTrue();
		assertThat(event.requestId()).isEqualTo("chatcmpl-s4");
		// the usage chunk never arrived
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
		assertThat(event.timeToFirstToken()).isNotNull();
	}

	@Test
	void recordsOnceWhenTheStreamIsExhaustedAndThenClosedTwice() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s5", 10, 0, 5)));
		StreamResponse<ChatCompletionChunk> response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"));
		try (Stream<ChatCompletionChunk> chunks = response.stream()) {
			assertThat(chunks.toList()).hasSize(6);
		}
		response.close();
		response.close();

		assertThat(this.sink.single().status()).isEqualTo(CallStatus.SUCCESS);
	}

	@Test
	void recordsOnceWhenStreamIsAskedForAgainAfterTheEnd() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s9", 10, 0, 5)));
		try (var response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			assertThat(response.stream().toList()).hasSize(6);
			// the SDK's sequence can be read once; whatever a second read does, it is no second call
			catchThrowable(() -> response.stream().toList());
		}

		assertThat(this.sink.single().status()).isEqualTo(CallStatus.SUCCESS);
	}

	@Test
	void closingTheJavaStreamOfAnUnfinishedResponseRecordsItAsCancelled() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s6", 10, 0, 5)));
		StreamResponse<ChatCompletionChunk> response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"));
		try (Stream<ChatCompletionChunk> chunks = response.stream()) {
			assertThat(chunks.findFirst()).isPresent();
		}
		response.close();

		assertThat(this.sink.single().status()).isEqualTo(CallStatus.CANCELLED);
	}

	@Test
	void readsGroqUsageUnderXGroqOnTheLastChunk() {
		List<String> chunks = new ArrayList<>(
				StreamPayloads.openAiChunks("chatcmpl-g1", "llama-3.3-70b-versatile", PIECES, false));
		chunks.set(chunks.size() - 1, StreamPayloads.groqLastChunk("chatcmpl-g1", "llama-3.3-70b-versatile", 1000, 200));
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSse(chunks)));
		try (var response = observed().chat().completions().createStreaming(Requests.openAiChat("llama-3.3-70b-versatile"))) {
			response.stream().forEach((chunk) -> {
			});
		}

		CallEvent event = this.sink.single();
		assertThat(event.provider()).isEqualTo("groq");
		assertThat(event.inputTokens()).isEqualTo(1000);
		assertThat(event.outputTokens()).isEqualTo(200);
		// groq/llama-3.3-70b-versatile: 1000 × $0.59 / M + 200 × $0.79 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.000748");
	}

	@Test
	void recordsARateLimitOnOpeningTheStreamAndRethrowsTheSdkException() {
		this.server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow")));
		Throwable thrown = catchThrowable(() -> {
			try (var response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
				response.stream().toList();
			}
		});

		assertThat(thrown).isInstanceOf(RateLimitException.class);
		CallEvent event = this.sink.single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.streamed()).isTrue();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void anExceptionOfTheCallersOwnActionIsNotAStreamError() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s7", 10, 0, 5)));
		IllegalStateException own = new IllegalStateException("caller");
		Throwable thrown = catchThrowable(() -> {
			try (var response = observed().chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
				response.stream().forEach((chunk) -> {
					throw own;
				});
			}
		});

		assertThat(thrown).isSameAs(own);
		assertThat(this.sink.single().status()).isEqualTo(CallStatus.CANCELLED);
	}

	@Test
	void capturesTheStreamedTextOnlyWhenAsked() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s8", 10, 0, 5)));
		OpenAIClient capturing = ClientProxies.observe(plainClient(),
				ObserveOptions.builder().logResponses(true).build(), this.sink.route());
		try (var response = capturing.chat().completions().createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			response.stream().toList();
		}

		assertThat(this.sink.single().response()).isEqualTo("Hello there");
	}

	private OpenAIClient observed() {
		return ClientProxies.observe(plainClient(), ObserveOptions.defaults(), this.sink.route());
	}

	private OpenAIClient plainClient() {
		return OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key").maxRetries(0).build();
	}

}
