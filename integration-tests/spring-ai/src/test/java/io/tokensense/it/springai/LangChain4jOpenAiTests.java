package io.tokensense.it.springai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.TokenSenseContext;
import io.tokensense.internal.integration.langchain4j.TokenSenseChatModelListener;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_CACHE_READ;
import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_INPUT;
import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_OUTPUT;
import static io.tokensense.it.springai.SnapshotPrices.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * LangChain4j's real {@link OpenAiChatModel} and {@link OpenAiStreamingChatModel}, given the
 * application's {@link ChatModelListener} beans as LangChain4j's Spring Boot starters do,
 * against a loopback server speaking OpenAI's JSON and SSE.
 */
@SpringBootTest(classes = { FrameworkTestApplication.class, LangChain4jOpenAiTests.Models.class })
class LangChain4jOpenAiTests {

	private static final LoopbackServer server = new LoopbackServer();

	@Autowired
	private OpenAiChatModel chatModel;

	@Autowired
	private OpenAiStreamingChatModel streamingModel;

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
	void recordsAPlainCallWithCachedAndReasoningTokensAndItsCost() {
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-lc1", "gpt-4o-mini-2024-07-18", 1000, 200, 300,
				100)));

		String answer = this.chatModel.chat("Say hello");

		assertThat(answer).contains("Hello");
		CallEvent event = single();
		assertThat(event.provider()).isEqualTo("openai");
		assertThat(event.operation()).isEqualTo("chat");
		assertThat(event.requestModel()).isEqualTo("gpt-4o-mini");
		assertThat(event.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(event.requestId()).isEqualTo("chatcmpl-lc1");
		assertThat(event.streamed()).isFalse();
		assertThat(List.of(event.inputTokens(), event.outputTokens(), event.cacheReadTokens(), event.reasoningTokens()))
			.containsExactly(1000L, 300L, 200L, 100L);
		BigDecimal expected = times(800, GPT_4O_MINI_INPUT).add(times(200, GPT_4O_MINI_CACHE_READ))
			.add(times(300, GPT_4O_MINI_OUTPUT));
		assertThat(event.costUsd()).isEqualByComparingTo(expected);
	}

	@Test
	void recordsAStreamOnceWhenItsResponseIsComplete() throws Exception {
		server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-lc2", 40, 10, 12)));

		ChatResponse response;
		try (var scope = TokenSenseContext.userId("carol").open()) {
			response = stream("Say hello");
		}

		assertThat(response.aiMessage().text()).isEqualTo("Hello there");
		CallEvent event = single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.userId()).isEqualTo("carol");
		assertThat(List.of(event.inputTokens(), event.cacheReadTokens(), event.outputTokens()))
			.containsExactly(40L, 10L, 12L);
		assertThat(event.costUsd()).isEqualByComparingTo(
				times(30, GPT_4O_MINI_INPUT).add(times(10, GPT_4O_MINI_CACHE_READ)).add(times(12, GPT_4O_MINI_OUTPUT)));
	}

	@Test
	void recordsA429AsOneErrorEvent() {
		server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow down")));

		assertThatException().isThrownBy(() -> this.chatModel.chat("Say hello"));

		CallEvent event = single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.NO_USAGE);
	}

	@Test
	void takesUserSessionAndTagsFromTheListenerAttributesUnderTheScope() {
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-lc3", "gpt-4o-mini-2024-07-18", 10, 0, 5, 0)));

		try (var scope = TokenSenseContext.tags("scoped").open()) {
			this.chatModel.chat("Say hello");
		}

		CallEvent event = single();
		assertThat(event.userId()).isEqualTo("from-attributes");
		assertThat(event.sessionId()).isEqualTo("session-attr");
		assertThat(event.tags()).containsExactly("scoped", "attr-tag");
	}

	private ChatResponse stream(String message) throws Exception {
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		this.streamingModel.chat(message, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partialResponse) {
			}

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
				done.complete(completeResponse);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

		});
		return done.get(10, TimeUnit.SECONDS);
	}

	private CallEvent single() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.output.events().isEmpty());
		Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.output.events().size() == 1);
		return this.output.events().get(0);
	}

	/** The models an application builds, with the listener beans, as LangChain4j's starters do. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Models {

		@Bean
		OpenAiChatModel langChain4jChatModel(List<ChatModelListener> listeners) {
			return OpenAiChatModel.builder().baseUrl(server.url("/v1")).apiKey("sk-test").modelName("gpt-4o-mini")
				.maxRetries(0).listeners(listeners).build();
		}

		@Bean
		OpenAiStreamingChatModel langChain4jStreamingModel(List<ChatModelListener> listeners) {
			return OpenAiStreamingChatModel.builder().baseUrl(server.url("/v1")).apiKey("sk-test")
				.modelName("gpt-4o-mini").listeners(listeners).build();
		}

		/** An application's own listener putting attribution in the attributes, for one test's calls. */
		@Bean
		@Order(0)
		ChatModelListener attributingListener() {
			return new ChatModelListener() {

				@Override
				public void onRequest(ChatModelRequestContext context) {
					if (TokenSenseContext.current().tags().contains("scoped")) {
						context.attributes().put(TokenSenseChatModelListener.USER_ID, "from-attributes");
						context.attributes().put(TokenSenseChatModelListener.SESSION_ID, "session-attr");
						context.attributes().put(TokenSenseChatModelListener.TAGS, List.of("attr-tag"));
					}
				}

			};
		}

	}

}
