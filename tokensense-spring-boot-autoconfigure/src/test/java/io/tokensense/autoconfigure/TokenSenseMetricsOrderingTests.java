package io.tokensense.autoconfigure;

import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.tokensense.output.MicrometerOutput;
import io.tokensense.output.TokenSenseMeters;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Boot's real metrics auto-configuration chain, listed in the wrong order on purpose:
 * alphabetically TokenSense's configurations come first, so only their {@code after} /
 * {@code before} keep {@code @ConditionalOnBean(MeterRegistry.class)} matching. Spring AI
 * once lost its metrics to a condition evaluated before the registry existed.
 */
class TokenSenseMetricsOrderingTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-m", "gpt-4o-mini-2024-07-18", 1200, 1000, 300, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseMetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withUserConfiguration(OpenAiClientConfiguration.class)
		.withPropertyValues("tokensense.queue.flush-interval=50ms");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void recordsCallsOnTheRegistryOfBootsMetricsAutoConfiguration() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MicrometerOutput.class);
			OpenAIClient client = context.getBean(OpenAIClient.class);
			for (int i = 0; i < 3; i++) {
				client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
			}

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(calls(registry).timer().count()).isEqualTo(3));
			assertThat(calls(registry).tag(TokenSenseMeters.REQUEST_MODEL, "gpt-4o-mini")
				.tag(TokenSenseMeters.RESPONSE_MODEL, "gpt-4o-mini-2024-07-18")
				.tag(TokenSenseMeters.OPERATION, "chat")
				.timer()
				.count()).isEqualTo(3);
			assertThat(registry.get(TokenSenseMeters.TOKENS).tag(TokenSenseMeters.TOKEN_TYPE, "input").summary()
				.totalAmount()).isEqualTo(3 * 1200);
			assertThat(registry.get(TokenSenseMeters.TOKENS_DETAIL).tag(TokenSenseMeters.TOKEN_TYPE, "cache_read")
				.summary().totalAmount()).isEqualTo(3 * 1000);
			// the tests of capture price this call at $0.000285
			assertThat(registry.get(TokenSenseMeters.COST).counter().count()).isCloseTo(3 * 0.000285,
					within(1e-9));
			// Boot's metrics auto-configuration bound the pipeline's MeterBinder
			assertThat(registry.get(TokenSenseMeters.EVENTS_DROPPED).functionCounters())
				.hasSize(io.tokensense.internal.pipeline.DropReasons.ALL.size());
			assertThat(registry.get(TokenSenseMeters.QUEUE_CAPACITY).gauge().value()).isEqualTo(10000);
		});
	}

	private static RequiredSearch calls(MeterRegistry registry) {
		return registry.get(TokenSenseMeters.CALLS)
			.tag(TokenSenseMeters.PROVIDER, "openai")
			.tag(TokenSenseMeters.STATUS, "success")
			.tag(TokenSenseMeters.ERROR_TYPE, "none");
	}

	@Configuration(proxyBeanMethods = false)
	static class OpenAiClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

}
