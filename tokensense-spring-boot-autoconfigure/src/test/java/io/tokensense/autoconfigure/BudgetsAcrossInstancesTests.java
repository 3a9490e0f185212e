package io.tokensense.autoconfigure;

import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.TokenSenseContext;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two application contexts, standing for two instances, sharing one PostgreSQL table: what one
 * spends blocks the other within the refresh interval.
 */
class BudgetsAcrossInstancesTests {

	private static final TestDatabase postgres = TestDatabase.fromEnvironment(TestDatabase.POSTGRES_URL,
			JdbcDialect.POSTGRESQL);

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-s", "gpt-4o", 1000, 0, 100, 0)));

	@AfterAll
	static void stop() {
		server.close();
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void spendOnOneInstanceBlocksTheOtherWithinTheRefreshInterval() {
		TestDatabase database = TestDatabase.orSkip(postgres, TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
		String table = database.uniqueTable();
		try (ConfigurableApplicationContext first = instance(table);
				ConfigurableApplicationContext second = instance(table)) {
			OpenAIClient one = first.getBean(OpenAIClient.class);
			OpenAIClient two = second.getBean(OpenAIClient.class);
			// 0.0035 USD each: the second call crosses the 0.005 limit, on the first instance only
			call(one, "alice");
			call(one, "alice");
			assertThatThrownBy(() -> call(one, "alice")).isInstanceOf(BudgetExceededException.class);
			assertThatCode(() -> call(two, "bob")).doesNotThrowAnyException();
			int requests = server.requests().size();
			// within one flush (20 ms) plus one refresh interval (300 ms), with room for a slow machine
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThatThrownBy(() -> call(two, "alice"))
					.isInstanceOf(BudgetExceededException.class));
			assertThatCode(() -> call(two, "bob")).doesNotThrowAnyException();
			// only the calls made before the second instance learned of alice's spend reached the provider
			org.assertj.core.api.Assertions.assertThat(server.requests().size()).isLessThanOrEqualTo(requests + 2 + 1);
		}
	}

	private static ConfigurableApplicationContext instance(String table) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.autoconfigure.exclude="
					+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
					"tokensense.jdbc.url=" + System.getenv(TestDatabase.POSTGRES_URL), "tokensense.jdbc.table=" + table,
					"tokensense.queue.flush-interval=20ms", "tokensense.budgets.refresh-interval=300ms",
					"tokensense.budgets.per-user.limit=0.005", "tokensense.budgets.per-user.window=day",
					"tokensense.budgets.per-user.scope=user", "tokensense.budgets.per-user.action=block")
			.run();
	}

	private static void call(OpenAIClient client, String user) {
		try (var scope = TokenSenseContext.userId(user).open()) {
			client.chat().completions().create(Requests.openAiChat("gpt-4o"));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("k").maxRetries(0).build();
		}

	}

}
