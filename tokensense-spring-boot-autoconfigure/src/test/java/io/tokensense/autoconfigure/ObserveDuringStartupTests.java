package io.tokensense.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.openai.client.OpenAIClient;
import io.tokensense.CallEvent;
import io.tokensense.TokenSense;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.recording.ObserveRoutes;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import jakarta.annotation.PostConstruct;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TokenSense.observe} in a {@code @Bean} method, and calls made while the application
 * starts (issue 8, item 16): they belong to the application from the first bean on.
 */
class ObserveDuringStartupTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseDisabledConfiguration.class))
		.withPropertyValues("tokensense.queue.flush-interval=50ms")
		.withUserConfiguration(StartupCallConfiguration.class);

	@Test
	void recordsACallMadeInPostConstructIntoTheApplicationsOutputs() {
		this.contextRunner.run((context) -> {
			CapturingOutput output = context.getBean(CapturingOutput.class);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> output.events.size() == 1);
			CallEvent event = output.events.get(0);
			assertThat(event.requestModel()).isEqualTo("gpt-4o-mini");
			assertThat(event.inputTokens()).isEqualTo(10L);
			assertThat(event.userId()).isEqualTo("startup-user");
		});
	}

	@Test
	void leavesClientsObservedInBeanMethodsUnobservedWhenDisabled() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			OpenAIClient client = context.getBean(OpenAIClient.class);
			assertThat(ClientProxies.isObserved(client)).isFalse();
			assertThat(context.getBean(StartupCaller.class).called).isTrue();
			assertThat(context.getBean(CapturingOutput.class).events).isEmpty();
		});
	}

	@Test
	void unbindsTheApplicationWhenItCloses() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(ObserveRoutes.isDisabled()).isTrue());
		assertThat(ObserveRoutes.isDisabled()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class StartupCallConfiguration {

		@Bean
		OpenAIClient startupClient() {
			return TokenSense.observe(new InMemoryOpenAi(
					Reply.json(ProviderPayloads.openAiChat("chatcmpl-s", "gpt-4o-mini", 10, 0, 5, 0))).client());
		}

		@Bean
		CapturingOutput capturingOutput() {
			return new CapturingOutput();
		}

		@Bean
		StartupCaller startupCaller(OpenAIClient client) {
			return new StartupCaller(client);
		}

	}

	static final class StartupCaller {

		private final OpenAIClient client;

		volatile boolean called;

		StartupCaller(OpenAIClient client) {
			this.client = client;
		}

		@PostConstruct
		void callOnce() {
			try (var scope = io.tokensense.TokenSenseContext.userId("startup-user").open()) {
				this.client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
			}
			this.called = true;
		}

	}

	static final class CapturingOutput implements CallEventOutput {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void write(List<CallEvent> batch) {
			this.events.addAll(batch);
		}

	}

}
