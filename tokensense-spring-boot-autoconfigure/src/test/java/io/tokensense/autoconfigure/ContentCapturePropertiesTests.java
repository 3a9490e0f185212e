package io.tokensense.autoconfigure;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokensense.log-prompts} and {@code tokensense.log-responses}: off by default, and
 * when on, the content is in the events and a WARN at startup names the properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContentCapturePropertiesTests {

	private static final String WARNING = "TokenSense keeps LLM";

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-cc", "gpt-4o-mini", 100, 0, 50, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class))
		.withUserConfiguration(ClientConfiguration.class, CollectedEvents.class)
		.withPropertyValues("tokensense.outputs=log");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void keepsNoContentAndSaysNothingByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			CallEvent event = call(context);
			assertThat(event.prompt()).isNull();
			assertThat(event.response()).isNull();
		});
		assertThat(output.getOut() + output.getErr()).doesNotContain(WARNING);
	}

	@Test
	void keepsPromptsWhenAskedAndWarnsAtStartup(CapturedOutput output) {
		this.contextRunner.withPropertyValues("tokensense.log-prompts=true").run((context) -> {
			assertThat(output.getOut() + output.getErr()).contains("WARN")
				.contains(WARNING + " prompts in call events")
				.contains("tokensense.log-prompts=true");
			CallEvent event = call(context);
			assertThat(event.prompt()).contains("Say hello");
			assertThat(event.response()).isNull();
		});
	}

	@Test
	void keepsResponsesWhenAskedAndWarnsAtStartup(CapturedOutput output) {
		this.contextRunner.withPropertyValues("tokensense.log-responses=true").run((context) -> {
			assertThat(output.getOut() + output.getErr()).contains(WARNING + " responses in call events")
				.contains("tokensense.log-responses=true");
			CallEvent event = call(context);
			assertThat(event.prompt()).isNull();
			assertThat(event.response()).isEqualTo("Hello from gpt-4o-mini");
		});
	}

	private static CallEvent call(AssertableApplicationContext context) {
		context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		assertThat(context.getBean(CollectedEvents.class).published).hasSize(1);
		return context.getBean(CollectedEvents.class).published.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

}
