package io.tokensense.it.springai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetMetrics;
import io.tokensense.budget.Budgets;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_INPUT;
import static io.tokensense.it.springai.SnapshotPrices.GPT_4O_MINI_OUTPUT;
import static io.tokensense.it.springai.SnapshotPrices.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A per-user blocking budget and the frameworks' hooks. Spring AI's auto-configured
 * {@code ChatClient.Builder} gets TokenSense's advisor, which refuses a spent user's calls, plain
 * and streamed, before anything reaches the loopback provider; a Spring AI {@code ChatModel}
 * called directly passes no advisor and is only counted. LangChain4j ignores what a listener
 * throws, so its calls are only counted too, and the explicit check refuses them.
 */
@SpringBootTest(classes = { FrameworkTestApplication.class, FrameworkBudgetTests.LangChain4jModel.class },
		properties = { "spring.ai.model.chat=openai", "tokensense.budgets.per-user.limit=0.0003",
				"tokensense.budgets.per-user.window=day", "tokensense.budgets.per-user.scope=user",
				"tokensense.budgets.per-user.action=block" })
class FrameworkBudgetTests {

	private static final LoopbackServer server = new LoopbackServer();

	/** gpt-4o-mini, 1000 input and 300 output tokens: more than the 0.0003 USD limit on its own. */
	private static final BigDecimal CALL_COST = times(1000, GPT_4O_MINI_INPUT).add(times(300, GPT_4O_MINI_OUTPUT));

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private OpenAiChatModel chatModel;

	@Autowired
	private FrameworkTestApplication.CapturingOutput output;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private dev.langchain4j.model.openai.OpenAiChatModel langChain4jModel;

	@Autowired
	private Budgets budgets;

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
	void letsACallUnderTheLimitThrough() {
		server.enqueue(reply("chatcmpl-under"));
		int sentBefore = server.requests().size();

		String answer = call("under-limit");

		assertThat(answer).contains("Hello");
		assertThat(server.requests()).hasSize(sentBefore + 1);
		assertThat(awaitEvents(1).get(0).userId()).isEqualTo("under-limit");
	}

	@Test
	void refusesACallOfASpentUserWithoutSendingAnything() {
		spend("spent-call");
		int sentBefore = server.requests().size();
		double blockedBefore = blocked();

		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> call("spent-call"))
			.satisfies((refused) -> {
				assertThat(refused.budget()).isEqualTo("per-user");
				assertThat(refused.key()).isEqualTo("spent-call");
				assertThat(refused.spent()).isEqualByComparingTo(CALL_COST);
			});

		assertThat(server.requests()).hasSize(sentBefore);
		assertThat(blocked()).isEqualTo(blockedBefore + 1);
		assertNoMoreEvents(1);
	}

	@Test
	void refusesAStreamOfASpentUserWhenSubscribedWithoutSendingAnything() {
		spend("spent-stream");
		int sentBefore = server.requests().size();
		double blockedBefore = blocked();

		var content = this.chatClientBuilder.build().prompt("Say hello").stream().content();
		assertThat(server.requests()).hasSize(sentBefore);
		try (var scope = TokenSenseContext.userId("spent-stream").open()) {
			assertThatExceptionOfType(BudgetExceededException.class)
				.isThrownBy(() -> content.collectList().block(Duration.ofSeconds(10)))
				.satisfies((refused) -> assertThat(refused.key()).isEqualTo("spent-stream"));
		}

		assertThat(server.requests()).hasSize(sentBefore);
		assertThat(blocked()).isEqualTo(blockedBefore + 1);
	}

	@Test
	void letsAStreamUnderTheLimitThrough() {
		server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-stream-ok", 40, 0, 12)));

		List<String> chunks;
		try (var scope = TokenSenseContext.userId("stream-under-limit").open()) {
			chunks = this.chatClientBuilder.build().prompt("Say hello").stream().content().collectList()
				.block(Duration.ofSeconds(10));
		}

		assertThat(String.join("", chunks)).isEqualTo("Hello there");
		assertThat(awaitEvents(1).get(0).userId()).isEqualTo("stream-under-limit");
	}

	/** The limit of the hook: a model called without a ChatClient is counted, never refused. */
	@Test
	void doesNotRefuseAChatModelCalledDirectly() {
		spend("direct-model");
		server.enqueue(reply("chatcmpl-direct"));
		int sentBefore = server.requests().size();

		try (var scope = TokenSenseContext.userId("direct-model").open()) {
			this.chatModel.call(new Prompt("Say hello"));
		}

		assertThat(server.requests()).hasSize(sentBefore + 1);
		assertThat(awaitEvents(2)).extracting(CallEvent::userId).containsExactly("direct-model", "direct-model");
	}

	/** The limit of LangChain4j's hook: it logs and ignores what a listener throws, so a call cannot be stopped there. */
	@Test
	void doesNotRefuseALangChain4jCallThroughItsListener() {
		spend("langchain4j-listener");
		server.enqueue(reply("chatcmpl-lc-through"));
		int sentBefore = server.requests().size();

		try (var scope = TokenSenseContext.userId("langchain4j-listener").open()) {
			this.langChain4jModel.chat("Say hello");
		}

		assertThat(server.requests()).hasSize(sentBefore + 1);
		assertThat(awaitEvents(2)).extracting(CallEvent::userId)
			.containsExactly("langchain4j-listener", "langchain4j-listener");
	}

	/** What the README offers where a hook cannot refuse a call: the check, before the call. */
	@Test
	void explicitCheckRefusesASpentUserBeforeALangChain4jCall() {
		spend("langchain4j-checked");
		int sentBefore = server.requests().size();
		double blockedBefore = blocked();

		try (var scope = TokenSenseContext.userId("langchain4j-checked").open()) {
			assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> {
				Attribution who = TokenSenseContext.current();
				this.budgets.check("openai", "gpt-4o-mini", who.userId(), who.sessionId(), who.tags());
				this.langChain4jModel.chat("Say hello");
			}).satisfies((refused) -> assertThat(refused.key()).isEqualTo("langchain4j-checked"));
		}

		assertThat(server.requests()).hasSize(sentBefore);
		assertThat(blocked()).isEqualTo(blockedBefore + 1);
	}

	/** One call of the user, whose cost alone reaches the limit. */
	private void spend(String user) {
		server.enqueue(reply("chatcmpl-" + user));
		call(user);
		CallEvent event = awaitEvents(1).get(0);
		assertThat(event.costUsd()).isEqualByComparingTo(CALL_COST);
	}

	private String call(String user) {
		try (var scope = TokenSenseContext.userId(user).open()) {
			return this.chatClientBuilder.build().prompt("Say hello").call().content();
		}
	}

	private static Reply reply(String id) {
		return Reply.json(ProviderPayloads.openAiChat(id, "gpt-4o-mini-2024-07-18", 1000, 0, 300, 0));
	}

	private double blocked() {
		Counter counter = this.registry.find(BudgetMetrics.BLOCKED).tag("budget", "per-user").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<CallEvent> awaitEvents(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.output.events().size() >= count);
		return assertNoMoreEvents(count);
	}

	private List<CallEvent> assertNoMoreEvents(int count) {
		Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.output.events().size() == count);
		return this.output.events();
	}

	/** A LangChain4j model given the listener beans, as LangChain4j's Spring Boot starters do. */
	@TestConfiguration(proxyBeanMethods = false)
	static class LangChain4jModel {

		@Bean
		dev.langchain4j.model.openai.OpenAiChatModel langChain4jChatModel(List<ChatModelListener> listeners) {
			return dev.langchain4j.model.openai.OpenAiChatModel.builder().baseUrl(server.url("/v1")).apiKey("sk-test")
				.modelName("gpt-4o-mini").maxRetries(0).listeners(listeners).build();
		}

	}

}
