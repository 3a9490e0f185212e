package io.tokensense.it.springai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
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
 * LangChain4j's real {@link AnthropicChatModel} (its own HTTP client, not Anthropic's SDK)
 * against a loopback server speaking Anthropic's JSON: the listener reads its
 * {@code AnthropicTokenUsage}, whose input count leaves the cache reads and writes out.
 */
@SpringBootTest(classes = { FrameworkTestApplication.class, LangChain4jAnthropicTests.Model.class })
class LangChain4jAnthropicTests {

	private static final LoopbackServer server = new LoopbackServer();

	@Autowired
	private AnthropicChatModel model;

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
	void recordsTokensWithTheCacheCountsInTheInputAndTheirCost() {
		server.enqueue(Reply.json(ProviderPayloads.anthropicMessage("msg_lc1", "claude-haiku-4-5-20251001", 100, 50,
				1000, 200, 0)));

		String answer = this.model.chat("Say hello");

		assertThat(answer).contains("Bonjour");
		assertThat(server.requests().get(server.requests().size() - 1).path()).isEqualTo("/v1/messages");
		CallEvent event = single();
		assertThat(event.provider()).isEqualTo("anthropic");
		assertThat(event.requestModel()).isEqualTo("claude-haiku-4-5");
		assertThat(event.responseModel()).isEqualTo("claude-haiku-4-5-20251001");
		assertThat(event.requestId()).isEqualTo("msg_lc1");
		assertThat(List.of(event.inputTokens(), event.outputTokens(), event.cacheReadTokens(),
				event.cacheWriteTokens()))
			.containsExactly(1300L, 50L, 1000L, 200L);
		BigDecimal expected = times(100, CLAUDE_HAIKU_4_5_INPUT).add(times(1000, CLAUDE_HAIKU_4_5_CACHE_READ))
			.add(times(200, CLAUDE_HAIKU_4_5_CACHE_WRITE))
			.add(times(50, CLAUDE_HAIKU_4_5_OUTPUT));
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.costUsd()).isEqualByComparingTo(expected);
	}

	@Test
	void recordsAnOverloadedAnswerAsOneErrorEvent() {
		server.enqueue(Reply.json(529, ProviderPayloads.anthropicError("overloaded_error", "Overloaded")));

		assertThatException().isThrownBy(() -> this.model.chat("Say hello"));

		CallEvent event = single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("529");
	}

	private CallEvent single() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.output.events().isEmpty());
		Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.output.events().size() == 1);
		return this.output.events().get(0);
	}

	/** The model an application builds, given the listener beans as LangChain4j's starters do. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Model {

		@Bean
		AnthropicChatModel langChain4jAnthropicModel(List<ChatModelListener> listeners) {
			return AnthropicChatModel.builder().baseUrl(server.url("/v1/")).apiKey("sk-ant-test")
				.modelName("claude-haiku-4-5").maxRetries(0).listeners(listeners).build();
		}

	}

}
