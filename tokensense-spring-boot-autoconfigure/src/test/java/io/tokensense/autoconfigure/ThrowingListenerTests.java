package io.tokensense.autoconfigure;

import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import io.tokensense.CallEvent;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's {@code @EventListener} of {@link CallEvent} that throws: the caller gets
 * the SDK's result as if nothing happened, and the event still reaches the outputs (TokenSense's
 * own listener queued it first).
 */
class ThrowingListenerTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-tl", "gpt-4o-mini", 100, 0, 50, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class))
		.withUserConfiguration(ClientConfiguration.class, ThrowingListener.class, CollectedEvents.class)
		.withPropertyValues("tokensense.outputs=log", "tokensense.queue.flush-interval=20ms");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void aThrowingListenerNeverReachesTheCallerAndTheEventIsStillWritten() {
		this.contextRunner.run((context) -> {
			ChatCompletion completion = context.getBean(OpenAIClient.class)
				.chat()
				.completions()
				.create(Requests.openAiChat("gpt-4o-mini"));

			assertThat(completion.id()).isEqualTo("chatcmpl-tl");
			assertThat(context.getBean(ThrowingListener.class).calls).isEqualTo(1);
			CollectedEvents events = context.getBean(CollectedEvents.class);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.written.size() == 1);
			assertThat(events.written.get(0).requestId()).isEqualTo("chatcmpl-tl");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingListener {

		volatile int calls;

		@EventListener
		void on(CallEvent event) {
			this.calls++;
			throw new IllegalStateException("the application's listener is broken");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

}
