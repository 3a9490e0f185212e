package io.tokensense.reliability;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.internal.recording.RecordingFailures;
import io.tokensense.internal.support.Counts;
import io.tokensense.testsupport.InMemoryAnthropic;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of seeded mutations of valid provider JSON and SSE, each answered to a plain and
 * to an observed client: the observed call gives the caller exactly what the plain one gives
 * (an equal result, or an exception of the same class), yields exactly one event with sane
 * counts (a fifth of the streams are closed after their first element), and never makes TokenSense's own recording fail. A failure names the seed and case,
 * from which {@link PayloadMutator} rebuilds the payload.
 */
class BadPayloadsTest {

	private static final long SEED = 20261127L;

	private static final int JSON_CASES = 2_000;

	private static final int SSE_CASES = 1_000;

	private final CheckingSink sink = new CheckingSink();

	private final List<String> recordingFailures = new ArrayList<>();

	private int failedCalls;

	private int usageEvents;

	private int cases;

	@AfterEach
	void noRecordingFailedAndBothOutcomesOccurred() {
		assertThat(this.recordingFailures).as("cases where TokenSense's recording failed").isEmpty();
		// a mutator that stopped breaking payloads, or broke every one, would prove little
		assertThat(this.failedCalls).as("calls the SDK failed").isBetween(1, this.cases - 1);
		assertThat(this.usageEvents).as("events with usage").isBetween(1, this.cases - 1);
	}

	@Test
	void observedOpenAiClientBehavesLikeThePlainOneOnMutatedJson() {
		InMemoryOpenAi transport = new InMemoryOpenAi(Reply.json("{}"));
		OpenAIClient plain = transport.client();
		OpenAIClient observed = ClientProxies.observe(plain, ObserveOptions.defaults(), this.sink.route());
		ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
		String valid = ProviderPayloads.openAiChat("chatcmpl-f", "gpt-4o-mini-2024-07-18", 1200, 1000, 300, 100);
		for (int i = 0; i < JSON_CASES; i++) {
			long seed = SEED + i;
			String body = new PayloadMutator(new Random(seed)).json(valid);
			transport.reply(Reply.json(body));
			if (i % 4 == 0) {
				sameBehaviour("openai json async", seed, body,
						() -> plain.async().chat().completions().create(params).join(),
						() -> observed.async().chat().completions().create(params).join());
			}
			else {
				sameBehaviour("openai json", seed, body, () -> plain.chat().completions().create(params),
						() -> observed.chat().completions().create(params));
			}
		}
	}

	@Test
	void observedOpenAiClientBehavesLikeThePlainOneOnMutatedStreams() {
		InMemoryOpenAi transport = new InMemoryOpenAi(Reply.json("{}"));
		OpenAIClient plain = transport.client();
		OpenAIClient observed = ClientProxies.observe(plain, ObserveOptions.defaults(), this.sink.route());
		ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
		List<String> chunks = new ArrayList<>(
				StreamPayloads.openAiChunks("chatcmpl-f", "gpt-4o-mini", List.of("Hel", "lo"), true));
		chunks.add(StreamPayloads.openAiUsageChunk("chatcmpl-f", "gpt-4o-mini", 1200, 1000, 300));
		List<String> blocks = blocks(StreamPayloads.openAiSse(chunks));
		for (int i = 0; i < SSE_CASES; i++) {
			long seed = SEED + JSON_CASES + i;
			String body = new PayloadMutator(new Random(seed)).sse(blocks);
			transport.reply(StreamPayloads.sse(body));
			if (i % 5 == 0) {
				sameBehaviour("openai sse, first chunk only", seed, body, () -> firstOpenAiChunk(plain, params),
						() -> firstOpenAiChunk(observed, params));
			}
			else {
				sameBehaviour("openai sse", seed, body, () -> openAiChunks(plain, params),
						() -> openAiChunks(observed, params));
			}
		}
	}

	@Test
	void observedAnthropicClientBehavesLikeThePlainOneOnMutatedJson() {
		InMemoryAnthropic transport = new InMemoryAnthropic(Reply.json("{}"));
		AnthropicClient plain = transport.client();
		AnthropicClient observed = ClientProxies.observe(plain, ObserveOptions.defaults(), this.sink.route());
		MessageCreateParams params = Requests.anthropicMessage("claude-sonnet-4-5");
		String valid = ProviderPayloads.anthropicMessage("msg_f", "claude-sonnet-4-5-20250929", 100, 300, 2000, 500,
				200);
		for (int i = 0; i < JSON_CASES; i++) {
			long seed = -SEED - i;
			String body = new PayloadMutator(new Random(seed)).json(valid);
			transport.reply(Reply.json(body));
			if (i % 4 == 0) {
				sameBehaviour("anthropic json async", seed, body, () -> plain.async().messages().create(params).join(),
						() -> observed.async().messages().create(params).join());
			}
			else {
				sameBehaviour("anthropic json", seed, body, () -> plain.messages().create(params),
						() -> observed.messages().create(params));
			}
		}
	}

	@Test
	void observedAnthropicClientBehavesLikeThePlainOneOnMutatedStreams() {
		InMemoryAnthropic transport = new InMemoryAnthropic(Reply.json("{}"));
		AnthropicClient plain = transport.client();
		AnthropicClient observed = ClientProxies.observe(plain, ObserveOptions.defaults(), this.sink.route());
		MessageCreateParams params = Requests.anthropicMessage("claude-sonnet-4-5");
		List<String> blocks = blocks(StreamPayloads.anthropicStart("msg_f", "claude-sonnet-4-5", 100, 2000, 500, 200)
				+ StreamPayloads.anthropicText(List.of("Bon", "jour")) + StreamPayloads.anthropicDelta("{\"output_tokens\":300}")
				+ StreamPayloads.anthropicStop());
		for (int i = 0; i < SSE_CASES; i++) {
			long seed = -SEED - JSON_CASES - i;
			String body = new PayloadMutator(new Random(seed)).sse(blocks);
			transport.reply(StreamPayloads.sse(body));
			if (i % 5 == 0) {
				sameBehaviour("anthropic sse, first event only", seed, body, () -> firstAnthropicEvent(plain, params),
						() -> firstAnthropicEvent(observed, params));
			}
			else {
				sameBehaviour("anthropic sse", seed, body, () -> anthropicEvents(plain, params),
						() -> anthropicEvents(observed, params));
			}
		}
	}

	private void sameBehaviour(String kind, long seed, String body, Callable<?> plain, Callable<?> observed) {
		long events = this.sink.count();
		long failures = RecordingFailures.count();
		Outcome expected = Outcome.of(plain);
		Outcome actual = Outcome.of(observed);
		String description = kind + " seed=" + seed + " body=" + body;

		assertThat(actual).as(description).isEqualTo(expected);
		// an async call is recorded by a callback on the SDK's future, which may run just after join() returns
		org.awaitility.Awaitility.await()
			.pollDelay(java.time.Duration.ZERO)
			.pollInterval(java.time.Duration.ofMillis(1))
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.sink.count() - events >= 1);
		assertThat(this.sink.count() - events).as("events of " + description).isEqualTo(1);
		CallEvent event = this.sink.last();
		if (!kind.endsWith("only")) {
			assertThat(event.status()).as(description)
				.isEqualTo(expected.failed() ? CallStatus.ERROR : CallStatus.SUCCESS);
		}
		saneCounts(event, description);
		this.cases++;
		this.failedCalls += expected.failed() ? 1 : 0;
		this.usageEvents += (event.inputTokens() != null) ? 1 : 0;
		if (RecordingFailures.count() != failures) {
			this.recordingFailures.add(description);
		}
	}

	private static void saneCounts(CallEvent event, String description) {
		List<Long> counts = Arrays.asList(event.inputTokens(), event.outputTokens(), event.cacheReadTokens(),
				event.cacheWriteTokens(), event.reasoningTokens(), event.totalTokens());
		assertThat(counts).as(description).allMatch((count) -> count == null || count >= 0);
		if (event.inputTokens() != null && event.outputTokens() != null) {
			assertThat(event.totalTokens()).as(description)
				.isEqualTo(Counts.saturatedAdd(event.inputTokens(), event.outputTokens()));
			assertThat(event.cacheReadTokens() + event.cacheWriteTokens()).as(description)
				.isLessThanOrEqualTo(event.inputTokens());
		}
		if (event.costUsd() != null) {
			assertThat(event.costUsd()).as(description).isGreaterThanOrEqualTo(BigDecimal.ZERO);
		}
	}

	private static List<ChatCompletionChunk> openAiChunks(OpenAIClient client, ChatCompletionCreateParams params) {
		try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = client.chat()
			.completions()
			.createStreaming(params)) {
			return stream.stream().toList();
		}
	}

	private static List<RawMessageStreamEvent> anthropicEvents(AnthropicClient client, MessageCreateParams params) {
		try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
			return stream.stream().toList();
		}
	}

	/** Reads one chunk and closes the stream before its end, as a caller that stops early does. */
	private static Optional<ChatCompletionChunk> firstOpenAiChunk(OpenAIClient client,
			ChatCompletionCreateParams params) {
		try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = client.chat()
			.completions()
			.createStreaming(params)) {
			return stream.stream().findFirst();
		}
	}

	private static Optional<RawMessageStreamEvent> firstAnthropicEvent(AnthropicClient client,
			MessageCreateParams params) {
		try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
			return stream.stream().findFirst();
		}
	}

	/** The events of a stream, without the blank lines that end them. */
	private static List<String> blocks(String stream) {
		return Arrays.stream(stream.split("\n\n")).filter((block) -> !block.isBlank()).toList();
	}

}
