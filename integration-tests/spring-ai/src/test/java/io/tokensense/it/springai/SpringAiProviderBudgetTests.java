package io.tokensense.it.springai;

import io.tokensense.budget.BudgetExceededException;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A budget per provider refuses {@code ChatClient} calls: the advisor, which is not handed the
 * model, names the provider from the type of the request's options as Spring AI builds them.
 */
@SpringBootTest(classes = FrameworkTestApplication.class,
		properties = { "spring.ai.model.chat=openai", "tokensense.budgets.openai-daily.limit=0.0003",
				"tokensense.budgets.openai-daily.window=day", "tokensense.budgets.openai-daily.scope=provider",
				"tokensense.budgets.openai-daily.match=openai", "tokensense.budgets.openai-daily.action=block" })
class SpringAiProviderBudgetTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-pv", "gpt-4o-mini-2024-07-18", 1000, 0, 300, 0)));

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		FrameworkProperties.register(registry, server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void refusesTheCallsOfASpentProvider() {
		ChatClient client = this.chatClientBuilder.build();
		client.prompt("Say hello").call().content();

		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> client.prompt("Say hello").call().content())
			.satisfies((refused) -> assertThat(refused.budget()).isEqualTo("openai-daily"));
		assertThat(server.requests()).hasSize(1);
	}

}
