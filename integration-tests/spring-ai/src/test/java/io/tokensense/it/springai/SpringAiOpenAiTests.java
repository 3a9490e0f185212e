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

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_CACHE_READ;
import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_INPUT;
import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_OUTPUT;
import static io.tokensense.it.springai.SnapshotPrices.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Spring AI's real, auto-configured {@link OpenAiChatModel} against a loopback server speaking
 * OpenAI's JSON and SSE: each call is one CallEvent, through the observation handler.
 */
@SpringBootTest(classes = FrameworkTestApplication.class)
class SpringAiOpenAiTests {

	private static final LoopbackServer server = new LoopbackServer();

	@Autowired
	private OpenAiChatModel chatModel;

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
	void recordsAPlainCallWithNativeUsageAndItsCost() {
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-sa1", "gpt-4o-mini-2024-07-18", 1000, 200, 300,
				100)));

		ChatResponse response = this.chatModel.call(new Prompt("Say hello"));

		assertThat(response.getResult().getOutput().getText()).contains("Hello");
		CallEvent event = single();
		assertThat(event.provider()).isEqualTo("openai");
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.requestModel()).isEqualTo("gpt-4o-mini");
		assertThat(event.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(event.requestId()).isEqualTo("chatcmpl-sa1");
		assertThat(event.streamed()).isFalse();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(List.of(event.inputTokens(), event.outputTokens(), event.cacheReadTokens(), event.reasoningTokens(),
				event.totalTokens()))
			.containsExactly(1000L, 300L, 200L, 100L, 1300L);
		// reasoning has no price of its own: the output price
		BigDecimal expected = times(800, GPT_4O_MINI_INPUT).add(times(200, GPT_4O_MINI_CACHE_READ))
			.add(times(300, GPT_4O_MINI_OUTPUT));
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.costUsd()).isEqualByComparingTo(expected);
	}

	@Test
	void takesTheModelOfThePerCallOptions() {
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-sa2", "gpt-4o-2024-08-06", 10, 0, 5, 0)));

		this.chatModel.call(new Prompt("Say hello", OpenAiChatOptions.builder().model("gpt-4o").build()));

		CallEvent event = single();
		assertThat(event.requestModel()).isEqualTo("gpt-4o");
		assertThat(event.responseModel()).isEqualTo("gpt-4o-2024-08-06");
	}

	@Test
	void recordsAStreamOnceWithTheScopeOfTheThreadThatSubscribed() {
		server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-sa3", 40, 0, 12)));

		List<ChatResponse> chunks;
		try (var scope = TokenSenseContext.userId("alice").sessionId("s-1").tags("spring-ai").open()) {
			chunks = this.chatModel.stream(new Prompt("Say hello")).collectList().block(Duration.ofSeconds(10));
		}

		assertThat(chunks).isNotEmpty();
		CallEvent event = single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.inputTokens()).isEqualTo(40L);
		assertThat(event.outputTokens()).isEqualTo(12L);
		assertThat(event.userId()).isEqualTo("alice");
		assertThat(event.sessionId()).isEqualTo("s-1");
		assertThat(event.tags()).containsExactly("spring-ai");
		assertThat(event.costUsd()).isEqualByComparingTo(times(40, GPT_4O_MINI_INPUT).add(times(12, GPT_4O_MINI_OUTPUT)));
	}

	/**
	 * Spring AI starts a stream's observation when the {@code Flux} is subscribed: the scope that
	 * counts is the one open on the subscribing thread, not the one where the {@code Flux} was made.
	 */
	@Test
	void attributesAStreamToTheScopeOpenWhereItIsSubscribed() {
		server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-sa4", 40, 0, 12)));

		reactor.core.publisher.Flux<ChatResponse> stream;
		try (var scope = TokenSenseContext.userId("made-here").open()) {
			stream = this.chatModel.stream(new Prompt("Say hello"));
		}
		try (var scope = TokenSenseContext.userId("subscribed-here").open()) {
			stream.collectList().block(Duration.ofSeconds(10));
		}

		assertThat(single().userId()).isEqualTo("subscribed-here");
	}

	@Test
	void recordsA429AsOneErrorEvent() {
		server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow down")));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt("Say hello")));

		CallEvent event = single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.inputTokens()).isNull();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	/** Waits for the event, then makes sure no second one follows. */
	private CallEvent single() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.output.events().isEmpty());
		Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.output.events().size() == 1);
		return this.output.events().get(0);
	}

}
