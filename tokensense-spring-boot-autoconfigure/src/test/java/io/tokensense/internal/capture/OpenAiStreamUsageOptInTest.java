package io.tokensense.internal.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.testsupport.AsyncStreams;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokensense.streaming.include-usage}: OpenAI chat streams that did not ask for usage
 * are made to, so the caller sees one more chunk, with empty {@code choices}, and the call is
 * priced. The loopback server answers as OpenAI does: the usage chunk only when asked.
 */
class OpenAiStreamUsageOptInTest {

	private static final String MODEL = "gpt-4o-mini-2024-07-18";

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void withoutTheOptInTheRequestAndTheChunksAreLeftAlone() {
		this.server.enqueue(StreamPayloads.sse(stream("chatcmpl-u1", false)));
		List<ChatCompletionChunk> chunks = read(observed(false), Requests.openAiChat("gpt-4o-mini"));

		assertThat(chunks).hasSize(4).allSatisfy((chunk) -> assertThat(chunk.choices()).isNotEmpty());
		assertThat(this.server.requests().get(0).body()).contains("\"stream\":true").doesNotContain("stream_options");
		assertThat(this.sink.single().pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void withTheOptInTheRequestAsksForUsageAndTheCallerSeesOneMoreChunk() {
		this.server.enqueue(StreamPayloads.sse(stream("chatcmpl-u2", false)))
			.enqueue(StreamPayloads.sse(stream("chatcmpl-u2", true)));
		List<ChatCompletionChunk> without = read(observed(false), Requests.openAiChat("gpt-4o-mini"));
		List<ChatCompletionChunk> with = read(observed(true), Requests.openAiChat("gpt-4o-mini"));

		assertThat(this.server.requests().get(1).body()).contains("\"stream_options\":{\"include_usage\":true}");
		assertThat(with).hasSize(without.size() + 1);
		assertThat(with.get(with.size() - 1).choices()).isEmpty();
		CallEvent event = this.sink.events().get(1);
		assertThat(event.inputTokens()).isEqualTo(1000);
		assertThat(event.outputTokens()).isEqualTo(100);
		// gpt-4o-mini: 1000 × $0.15 / M + 100 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00021");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	@Test
	void keepsTheCallersOwnStreamOptionsAndAnExplicitNo() {
		this.server.enqueue(StreamPayloads.sse(stream("chatcmpl-u3", true)))
			.enqueue(StreamPayloads.sse(stream("chatcmpl-u4", false)));
		ChatCompletionCreateParams otherOption = Requests.openAiChat("gpt-4o-mini").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder()
				.putAdditionalProperty("include_obfuscation", JsonValue.from(false))
				.build())
			.build();
		ChatCompletionCreateParams explicitNo = Requests.openAiChat("gpt-4o-mini").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(false).build())
			.build();
		read(observed(true), otherOption);
		read(observed(true), explicitNo);

		assertThat(this.server.requests().get(0).body()).contains("\"include_obfuscation\":false")
			.contains("\"include_usage\":true");
		assertThat(this.server.requests().get(1).body()).contains("\"include_usage\":false");
	}

	@Test
	void appliesToAsyncStreamsToo() {
		this.server.enqueue(StreamPayloads.sse(stream("chatcmpl-u5", true)));
		AsyncStreams<ChatCompletionChunk> seen = new AsyncStreams<>();
		ClientProxies.observe(OpenAIOkHttpClientAsync.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key")
			.maxRetries(0).build(), ObserveOptions.defaults(), route(true))
			.chat().completions().createStreaming(Requests.openAiChat("gpt-4o-mini")).subscribe(seen.openAi());
		seen.awaitCompletion();

		assertThat(this.server.requests().get(0).body()).contains("\"include_usage\":true");
		assertThat(this.sink.single().costUsd()).isEqualByComparingTo("0.00021");
	}

	@Test
	void appliesToRawStreamsToo() {
		this.server.enqueue(StreamPayloads.sse(stream("chatcmpl-u6", true)));
		List<ChatCompletionChunk> chunks;
		try (StreamResponse<ChatCompletionChunk> stream = observed(true).chat().completions().withRawResponse()
			.createStreaming(Requests.openAiChat("gpt-4o-mini")).parse()) {
			chunks = stream.stream().toList();
		}

		assertThat(this.server.requests().get(0).body()).contains("\"stream_options\":{\"include_usage\":true}");
		assertThat(chunks.get(chunks.size() - 1).choices()).isEmpty();
		// gpt-4o-mini: 1000 × $0.15 / M + 100 × $0.60 / M
		assertThat(this.sink.single().costUsd()).isEqualByComparingTo("0.00021");
	}

	private static List<ChatCompletionChunk> read(OpenAIClient client, ChatCompletionCreateParams request) {
		try (var response = client.chat().completions().createStreaming(request)) {
			return response.stream().toList();
		}
	}

	private static String stream(String id, boolean withUsage) {
		List<String> chunks = new ArrayList<>(StreamPayloads.openAiChunks(id, MODEL, List.of("Hi", "!"), withUsage));
		if (withUsage) {
			chunks.add(StreamPayloads.openAiUsageChunk(id, MODEL, 1000, 0, 100));
		}
		return StreamPayloads.openAiSse(chunks);
	}

	private OpenAIClient observed(boolean includeUsage) {
		return ClientProxies.observe(OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key")
			.maxRetries(0).build(), ObserveOptions.defaults(), route(includeUsage));
	}

	private Supplier<Recorder> route(boolean includeUsage) {
		Recorder route = this.sink.route().get().withIncludeStreamUsage(includeUsage);
		return () -> route;
	}

}
