package io.tokensense.reliability;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import io.tokensense.internal.recording.RecordingFailures;
import io.tokensense.testsupport.InMemoryAnthropic;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 threads make 5,000 calls each, alternating OpenAI and Anthropic, sync and async, through
 * observed clients into a real pipeline. The SDKs run their whole request and parsing path;
 * only the socket is replaced by an in-memory transport, since 80,000 loopback requests take
 * minutes on a small machine. The transport completes async requests on threads of its own,
 * as OkHttp does, so async calls are recorded there; each caller thread's user must still be
 * on every one of its events.
 */
class ConcurrentCallsTest {

	private static final int THREADS = 16;

	private static final int CALLS_PER_THREAD = 5_000;

	private static final int CALLS = THREADS * CALLS_PER_THREAD;

	// gpt-4o-mini: 200 uncached input at $0.15/M, 1000 cached at $0.075/M, 300 output at $0.60/M
	private static final BigDecimal OPENAI_COST = new BigDecimal("0.000285");

	// claude-sonnet-4-5: 100 input at $3/M, 2000 cache reads at $0.30/M, 300 five-minute cache
	// writes at $3.75/M, 200 one-hour writes at $6/M, 300 output at $15/M
	private static final BigDecimal ANTHROPIC_COST = new BigDecimal("0.007725");

	@Test
	void eightyThousandConcurrentCallsYieldEightyThousandEventsWithExactSums() throws Exception {
		Map<String, LongAdder> eventsByUser = new ConcurrentHashMap<>();
		CountingOutput output = new CountingOutput("counting") {

			@Override
			void beforeBatch(List<CallEvent> batch) {
				batch.forEach((event) -> eventsByUser
					.computeIfAbsent(String.valueOf(event.userId()), (user) -> new LongAdder())
					.increment());
			}

		};
		EventPipeline pipeline = new EventPipeline(List.of(output),
				PipelineSettings.of(CALLS, 1_000, Duration.ofMillis(50)),
				"reliability-concurrency");
		OpenAIClient openAi = PipelineRoutes.observed(new InMemoryOpenAi(Reply.json(
				ProviderPayloads.openAiChat("chatcmpl-c", "gpt-4o-mini-2024-07-18", 1200, 1000, 300, 0))).client(),
				pipeline);
		AnthropicClient anthropic = PipelineRoutes.observed(new InMemoryAnthropic(Reply.json(
				ProviderPayloads.anthropicMessage("msg_c", "claude-sonnet-4-5-20250929", 100, 300, 2000, 500, 200)))
			.client(), pipeline);
		long failuresBefore = RecordingFailures.count();

		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				results.add(threads.submit(() -> callMany(thread, openAi, anthropic)));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get(5, TimeUnit.MINUTES)).isEqualTo(CALLS_PER_THREAD);
			}
		}
		finally {
			threads.shutdownNow();
		}
		Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.written() == CALLS);
		pipeline.close(Duration.ofSeconds(30));

		assertThat(pipeline.droppedByReason().values()).allMatch((count) -> count == 0);
		assertThat(output.events()).isEqualTo(CALLS);
		assertThat(output.distinctIds()).isEqualTo(CALLS);
		long half = CALLS / 2;
		assertThat(output.inputTokens()).isEqualTo(half * 1200 + half * 2600);
		assertThat(output.outputTokens()).isEqualTo(half * 300 + half * 300);
		assertThat(output.cost()).isEqualByComparingTo(OPENAI_COST.add(ANTHROPIC_COST).multiply(BigDecimal.valueOf(half)));
		assertThat(RecordingFailures.count()).isEqualTo(failuresBefore);
		assertThat(eventsByUser).hasSize(THREADS)
			.allSatisfy((user, count) -> assertThat(count.sum()).as(user).isEqualTo(CALLS_PER_THREAD));
	}

	/** Even calls go to OpenAI, odd ones to Anthropic; every other pair is async. */
	private static int callMany(int thread, OpenAIClient openAi, AnthropicClient anthropic) {
		ChatCompletionCreateParams chat = Requests.openAiChat("gpt-4o-mini");
		MessageCreateParams message = Requests.anthropicMessage("claude-sonnet-4-5");
		int completed = 0;
		try (var scope = TokenSenseContext.userId("thread-" + thread).open()) {
			for (int i = 0; i < CALLS_PER_THREAD; i++) {
				boolean async = ((i / 2) + thread) % 2 == 0;
				completed += (i % 2 == 0) ? callOpenAi(openAi, chat, async) : callAnthropic(anthropic, message, async);
			}
		}
		return completed;
	}

	private static int callOpenAi(OpenAIClient client, ChatCompletionCreateParams chat, boolean async) {
		ChatCompletion completion = async ? client.async().chat().completions().create(chat).join()
				: client.chat().completions().create(chat);
		return completion.id().equals("chatcmpl-c") ? 1 : 0;
	}

	private static int callAnthropic(AnthropicClient client, MessageCreateParams message, boolean async) {
		Message reply = async ? client.async().messages().create(message).join() : client.messages().create(message);
		return reply.id().equals("msg_c") ? 1 : 0;
	}

}
