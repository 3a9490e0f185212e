package io.tokensense.autoconfigure;

import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.TokenSense;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TokenSense.observe(client)} called inside a running Spring application, through the
 * public API only: without an output it joins the application's pipeline (its listeners,
 * outputs and {@code tokensense.*} defaults); with {@code tokensense.enabled=false} it hands
 * the client back unchanged.
 */
class StaticObserveInSpringTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-so", "gpt-4o-mini", 100, 0, 50, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseDisabledConfiguration.class))
		.withUserConfiguration(CollectedEvents.class)
		.withPropertyValues("tokensense.outputs=log", "tokensense.queue.flush-interval=20ms");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void aClientObservedWithoutAnOutputJoinsTheApplicationsPipeline() {
		this.contextRunner.withPropertyValues("tokensense.user-id=app-default", "tokensense.tags=from-properties")
			.run((context) -> {
				OpenAIClient client = TokenSense.observe(plainClient());
				client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

				CollectedEvents events = context.getBean(CollectedEvents.class);
				assertThat(events.published).singleElement().satisfies((event) -> {
					assertThat(event.requestId()).isEqualTo("chatcmpl-so");
					assertThat(event.userId()).isEqualTo("app-default");
					assertThat(event.tags()).containsExactly("from-properties");
					// gpt-4o-mini: 100 × $0.15 / M + 50 × $0.60 / M
					assertThat(event.costUsd()).isEqualByComparingTo("0.000045");
				});
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.written.size() == 1);
				assertThat(events.written).extracting(CallEvent::id).containsExactly(events.published.get(0).id());
			});
	}

	@Test
	void whenDisabledObserveReturnsTheClientUnchanged() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false").run((context) -> {
			OpenAIClient plain = plainClient();
			assertThat(TokenSense.observe(plain)).isSameAs(plain);
		});
	}

	private static OpenAIClient plainClient() {
		return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
	}

}
