package io.tokensense.autoconfigure;

import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokensense.pricing.models.*} (USD per million tokens; a negative price fails startup)
 * and {@code tokensense.pricing.catalog} (a LiteLLM file that extends and overrides the bundled
 * prices), seen where a user sees them: the cost of a call made through a client bean.
 */
class PricingPropertiesTests {

	private static final LoopbackServer server = new LoopbackServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class))
		.withUserConfiguration(ClientConfiguration.class, CollectedEvents.class)
		.withPropertyValues("tokensense.outputs=log", "tokensense.queue.flush-interval=50ms");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void modelPricesAreUsdPerMillionTokens() {
		this.contextRunner
			.withPropertyValues("tokensense.pricing.models.my-fine-tune.input=3.00",
					"tokensense.pricing.models.my-fine-tune.output=12.00")
			.run((context) -> {
				CallEvent event = call(context, "my-fine-tune", 1_000, 500);
				assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
				// 1000 × $3 / M + 500 × $12 / M
				assertThat(event.costUsd()).isEqualByComparingTo("0.009");
			});
	}

	@Test
	void aNegativeModelPriceFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("tokensense.pricing.models.my-fine-tune.input=-1",
				"tokensense.pricing.models.my-fine-tune.output=12.00")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tokensense.pricing.models.my-fine-tune: Price override 'input' must not be "
						+ "negative, was -1"));
	}

	@Test
	void aCatalogFileAddsModelsAndOverridesBundledPrices() {
		this.contextRunner
			.withPropertyValues("tokensense.pricing.catalog=classpath:io/tokensense/autoconfigure/test-prices.json")
			.run((context) -> {
				// test-prices.json: my-catalog-model at $2 / M input and $8 / M output
				assertThat(call(context, "my-catalog-model", 1_000, 500).costUsd()).isEqualByComparingTo("0.006");
				// and gpt-4o-mini at $1 / M and $2 / M instead of the bundled $0.15 / M and $0.60 / M
				assertThat(call(context, "gpt-4o-mini", 1_000, 500).costUsd()).isEqualByComparingTo("0.002");
				// models the file does not name keep the bundled price: gpt-4o at $2.50 / M and $10 / M
				assertThat(call(context, "gpt-4o", 1_000, 500).costUsd()).isEqualByComparingTo("0.0075");
			});
	}

	private static CallEvent call(AssertableApplicationContext context, String model, long input, long output) {
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-" + model, model, input, 0, output, 0)));
		context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat(model));
		CollectedEvents events = context.getBean(CollectedEvents.class);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !events.published.isEmpty());
		return events.published.get(events.published.size() - 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

}
