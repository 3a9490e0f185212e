package io.tokensense.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.output.CallEventOutput;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseHealthAutoConfigurationTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-h", "gpt-4o", 10, 0, 5, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseHealthAutoConfiguration.class))
		.withPropertyValues("tokensense.queue.flush-interval=20ms");

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void reportsUpWithTheQueueAndEachOutput() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(TokenSenseHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("queue", "written", "dropped", "outputs");
			assertThat((Map<String, Object>) health.getDetails().get("queue")).containsEntry("capacity", 10_000)
				.containsEntry("size", 0);
			assertThat((Map<String, Object>) health.getDetails().get("outputs")).containsOnlyKeys("log");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void reportsDownWithTheLastErrorOfABrokenOutput() {
		this.contextRunner.withUserConfiguration(BrokenOutputConfiguration.class).run((context) -> {
			context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o"));
			TokenSenseHealthIndicator indicator = context.getBean(TokenSenseHealthIndicator.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
			Map<String, Object> outputs = (Map<String, Object>) indicator.health().getDetails().get("outputs");
			assertThat((Map<String, Object>) outputs.get("broken")).containsEntry("status", "DOWN")
				.containsEntry("lastErrorType", "java.sql.SQLTransientConnectionException")
				.containsKey("lastErrorTime");
			assertThat((Map<String, Object>) outputs.get("log")).containsEntry("status", "UP");
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TokenSenseHealthIndicator.class));
	}

	@Test
	void backsOffWhenTokenSenseIsDisabled() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TokenSenseHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenOutputConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("k").maxRetries(0).build();
		}

		@Bean
		CallEventOutput brokenOutput() {
			return new CallEventOutput() {

				@Override
				public void write(java.util.List<io.tokensense.CallEvent> batch) throws Exception {
					throw new java.sql.SQLTransientConnectionException("database unreachable");
				}

				@Override
				public String name() {
					return "broken";
				}

			};
		}

	}

}
