package io.tokensense.it.springai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.TokenSenseContext;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tokensense.it.springai.SnapshotPrices.CLAUDE_HAIKU_4_5_CACHE_READ;
import static io.tokensense.it.springai.SnapshotPrices.CLAUDE_HAIKU_4_5_CACHE_WRITE;
import static io.tokensense.it.springai.SnapshotPrices.CLAUDE_HAIKU_4_5_INPUT;
import static io.tokensense.it.springai.SnapshotPrices.CLAUDE_HAIKU_4_5_OUTPUT;
import static io.tokensense.it.springai.SnapshotPrices.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Spring AI's real, auto-configured {@link AnthropicChatModel} against a loopback server
 * speaking Anthropic's JSON and SSE.
 */
@SpringBootTest(classes = FrameworkTestApplication.class)
class SpringAiAnthropicTests {

	private static final LoopbackServer server = new LoopbackServer();

	@Autowired
	private AnthropicChatModel chatModel;

	@Autowired
	private FrameworkTestApplication.CapturingOutput output;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		FrameworkProperties.register(registry, server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void clear() {
		this.output.clear();
	}

	@Test
	void recordsAPlainCallWithTheCacheCountsInItsInput() {
		server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_sa1", "claude-haiku-4-5-20251001", 100, 50,
				1000, 200, 0)));

		this.chatModel.call(new Prompt("Say hello"));

		CallEvent event = single();
		assertThat(event.provider()).isEqualTo("anthropic");
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.requestModel()).isEqualTo("claude-haiku-4-5");
		assertThat(event.responseModel()).isEqualTo("claude-haiku-4-5-20251001");
		assertThat(event.requestId()).isEqualTo("msg_sa1");
		// Anthropic's input_tokens leave cache reads and writes out: the input is the sum of the three
		assertThat(List.of(event.inputTokens(), event.outputTokens(), event.cacheReadTokens(),
				event.cacheWriteTokens(), event.totalTokens()))
			.containsExactly(1300L, 50L, 1000L, 200L, 1350L);
		BigDecimal expected = times(100, CLAUDE_HAIKU_4_5_INPUT).add(times(1000, CLAUDE_HAIKU_4_5_CACHE_READ))
			.add(times(200, CLAUDE_HAIKU_4_5_CACHE_WRITE))
			.add(times(50, CLAUDE_HAIKU_4_5_OUTPUT));
		assertThat(event.costUsd()).isEqualByComparingTo(expected);
	}

	@Test
	void takesTheModelOfThePerCallOptions() {
		server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_sa2", "claude-sonnet-4-5-20250929", 10, 5, 0,
				0, 0)));

		this.chatModel.call(new Prompt("Say hello", AnthropicChatOptions.builder().model("claude-sonnet-4-5").build()));

		assertThat(single().requestModel()).isEqualTo("claude-sonnet-4-5");
	}

	@Test
	void recordsAStreamOnceWithTheScopeOfTheThreadThatSubscribed() {
		server.enqueue(StreamPayloads.sse(StreamPayloads.anthropicStart("msg_sa3", "claude-haiku-4-5-20251001", 30, 0, 0,
				0) + StreamPayloads.anthropicText(StreamPayloads.HELLO_THERE)
				+ StreamPayloads.anthropicDelta("{\"output_tokens\":9}") + StreamPayloads.anthropicStop()));

		List<ChatResponse> chunks;
		try (var scope = TokenSenseContext.userId("bob").open()) {
			chunks = this.chatModel.stream(new Prompt("Say hello")).collectList().block(Duration.ofSeconds(10));
		}

		assertThat(chunks).isNotEmpty();
		CallEvent event = single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.userId()).isEqualTo("bob");
		assertThat(event.inputTokens()).isEqualTo(30L);
		assertThat(event.outputTokens()).isEqualTo(9L);
		assertThat(event.costUsd())
			.isEqualByComparingTo(times(30, CLAUDE_HAIKU_4_5_INPUT).add(times(9, CLAUDE_HAIKU_4_5_OUTPUT)));
	}

	/**
	 * A known limit, stated in the README: Spring AI 2.0.1 aggregates a stream's usage into
	 * prompt and completion counts only, so the cache reads and writes of an Anthropic stream
	 * never reach its observation and the event counts the uncached input. Should Spring AI
	 * start handing them on, this test fails and the README's limit can go.
	 */
	@Test
	void countsOnlyTheUncachedInputOfAStreamBecauseSpringAiDropsTheCacheCounts() {
		server.enqueue(StreamPayloads.sse(StreamPayloads.anthropicStart("msg_sa4", "claude-haiku-4-5-20251001", 30, 400,
				100, 0) + StreamPayloads.anthropicText(StreamPayloads.HELLO_THERE)
				+ StreamPayloads.anthropicDelta("{\"output_tokens\":9}") + StreamPayloads.anthropicStop()));

		this.chatModel.stream(new Prompt("Say hello")).collectList().block(Duration.ofSeconds(10));

		CallEvent event = single();
		assertThat(List.of(event.inputTokens(), event.cacheReadTokens(), event.cacheWriteTokens(), event.outputTokens()))
			.containsExactly(30L, 0L, 0L, 9L);
	}

	@Test
	void recordsA429AsOneErrorEvent() {
		server.enqueue(Reply.json(429, ProviderPayloads.anthropicError("rate_limit_error", "slow down")));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt("Say hello")));

		CallEvent event = single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	private CallEvent single() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.output.events().isEmpty());
		Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.output.events().size() == 1);
		return this.output.events().get(0);
	}

}
