package io.tokensense.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.autoconfigure.actuate.TokenSenseHealthAutoConfiguration;
import io.tokensense.autoconfigure.actuate.TokenSenseHealthIndicator;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application whose first output always throws, the second still receives every
 * event, the calls notice nothing, and the health contributor names the broken output. The
 * broken output holds its events for a retry while they fit the queue, and gives up on close.
 */
class ThrowingOutputTest {

	private static final int CALLS = 500;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseHealthAutoConfiguration.class))
		.withUserConfiguration(Outputs.class)
		.withPropertyValues("tokensense.queue.flush-interval=20ms", "tokensense.queue.batch-size=100");

	@Test
	@SuppressWarnings("unchecked")
	void aThrowingOutputDoesNotStopTheOtherOutputNorTheCallsAndHealthSaysWhy() {
		this.contextRunner.run((context) -> {
			OpenAIClient client = context.getBean(OpenAIClient.class);
			assertThat(ClientProxies.isObserved(client)).isTrue();
			ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
			for (int i = 0; i < CALLS; i++) {
				assertThat(client.chat().completions().create(params).id()).isEqualTo("chatcmpl-t");
			}
			CountingOutput healthy = context.getBean(CountingOutput.class);
			EventPipeline pipeline = context.getBean(EventPipeline.class);
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> healthy.events() == CALLS);
			assertThat(healthy.distinctIds()).isEqualTo(CALLS);
			// while running, the throwing output holds every event for a retry: they fit the queue
			assertThat(pipeline.queueSize()).isEqualTo(CALLS);
			assertThat(pipeline.droppedByReason().values()).allMatch((count) -> count == 0);
			Health health = context.getBean(TokenSenseHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			Map<String, Object> outputs = (Map<String, Object>) health.getDetails().get("outputs");
			assertThat((Map<String, Object>) outputs.get("throwing")).containsEntry("status", "DOWN")
				.containsEntry("lastErrorType", IllegalStateException.class.getName())
				.containsKey("lastErrorTime");
			assertThat((Map<String, Object>) outputs.get("counting")).containsEntry("status", "UP");

			context.close();

			// closing, it gives up after its attempts; written counts events that every output took: none
			assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, (long) CALLS)
				.containsEntry(DropReasons.SHUTDOWN_TIMEOUT, 0L);
			assertThat(pipeline.written()).isZero();
			assertThat(healthy.isClosed()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Outputs {

		@Bean
		OpenAIClient openAiClient() {
			return new InMemoryOpenAi(Reply.json(ProviderPayloads.openAiChat("chatcmpl-t", "gpt-4o-mini", 10, 0, 5, 0)))
				.client();
		}

		@Bean
		CallEventOutput throwingOutput() {
			return new CallEventOutput() {

				@Override
				public void write(List<CallEvent> batch) {
					throw new IllegalStateException("always broken");
				}

				@Override
				public String name() {
					return "throwing";
				}

			};
		}

		@Bean
		CountingOutput countingOutput() {
			return new CountingOutput("counting");
		}

	}

}
