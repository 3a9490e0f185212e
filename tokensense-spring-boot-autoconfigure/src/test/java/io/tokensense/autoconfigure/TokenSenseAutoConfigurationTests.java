package io.tokensense.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseAutoConfigurationTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-ctx", "gpt-4o-mini", 100, 0, 50, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseDisabledConfiguration.class))
		.withPropertyValues("tokensense.queue.flush-interval=50ms");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void wrapsOpenAiClientBean() {
		this.contextRunner.withUserConfiguration(OpenAiClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(OpenAIClient.class);
			assertThat(ClientProxies.isObserved(context.getBean(OpenAIClient.class))).isTrue();
		});
	}

	@Test
	void leavesStreamedRequestsAloneByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(Recorder.class).includeStreamUsage()).isFalse());
	}

	@Test
	void asksStreamsForUsageWhenOptedIn() {
		this.contextRunner.withPropertyValues("tokensense.streaming.include-usage=true")
			.run((context) -> assertThat(context.getBean(Recorder.class).includeStreamUsage()).isTrue());
	}

	@Test
	void wrapsAnthropicClientBean() {
		this.contextRunner.withUserConfiguration(AnthropicClientConfiguration.class)
			.run((context) -> assertThat(ClientProxies.isObserved(context.getBean(AnthropicClient.class))).isTrue());
	}

	@Test
	void publishesEachCallToApplicationListenersAndWritesItToTheOutputs() {
		this.contextRunner.withUserConfiguration(OpenAiClientConfiguration.class, ListenerConfiguration.class)
			.withPropertyValues("tokensense.user-id=default-user", "tokensense.tags=service-a")
			.run((context) -> {
				context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

				ListenerConfiguration listener = context.getBean(ListenerConfiguration.class);
				assertThat(listener.received).hasSize(1);
				CallEvent event = listener.received.get(0);
				assertThat(event.userId()).isEqualTo("default-user");
				assertThat(event.tags()).containsExactly("service-a");
				assertThat(event.costUsd()).isEqualByComparingTo("0.000045");
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(listener.written).containsExactly(event));
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(OpenAiClientConfiguration.class)
			.withPropertyValues("tokensense.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EventPipeline.class);
				assertThat(ClientProxies.isObserved(context.getBean(OpenAIClient.class))).isFalse();
			});
	}

	@Test
	void leavesBeansAloneWhenWrappingIsOff() {
		this.contextRunner.withUserConfiguration(OpenAiClientConfiguration.class)
			.withPropertyValues("tokensense.wrap-beans=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(EventPipeline.class);
				assertThat(ClientProxies.isObserved(context.getBean(OpenAIClient.class))).isFalse();
			});
	}

	@Test
	void leavesExcludedBeansAlone() {
		this.contextRunner.withUserConfiguration(OpenAiClientConfiguration.class)
			.withPropertyValues("tokensense.excluded-beans=openAiClient")
			.run((context) -> assertThat(ClientProxies.isObserved(context.getBean(OpenAIClient.class))).isFalse());
	}

	@Test
	void leavesABeanDeclaredWithItsImplementationClassAlone() {
		this.contextRunner.withUserConfiguration(ImplementationClassConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(ClientProxies.isObserved(context.getBean(OpenAIClientImpl.class))).isFalse();
		});
	}

	@Test
	void usesTheApplicationsOwnCostCalculator() {
		this.contextRunner.withUserConfiguration(CustomCostCalculatorConfiguration.class)
			.run((context) -> assertThat(context.getBean(CostCalculator.class))
				.isSameAs(context.getBean(CustomCostCalculatorConfiguration.class).calculator));
	}

	@Test
	void namesTheProviderOfABeanFromProperties() {
		this.contextRunner.withUserConfiguration(OpenAiClientConfiguration.class, ListenerConfiguration.class)
			.withPropertyValues("tokensense.providers.openAiClient=groq")
			.run((context) -> {
				context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
				assertThat(context.getBean(ListenerConfiguration.class).received).singleElement()
					.satisfies((event) -> assertThat(event.provider()).isEqualTo("groq"));
			});
	}

	@Test
	void refusesAnUnknownOutputNamingTheProperty() {
		this.contextRunner.withPropertyValues("tokensense.outputs=log,carrier-pigeon")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tokensense.outputs")
				.hasMessageContaining("carrier-pigeon"));
	}

	@Test
	void refusesAZeroQueueCapacityNamingTheProperty() {
		this.contextRunner.withPropertyValues("tokensense.queue.capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tokensense.queue.capacity"));
	}

	@Test
	void refusesABatchLargerThanTheCapacityNamingBothProperties() {
		this.contextRunner.withPropertyValues("tokensense.queue.capacity=100", "tokensense.queue.batch-size=500")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tokensense.queue.batch-size")
				.hasMessageContaining("tokensense.queue.capacity (100)"));
	}

	@Test
	void worksWithoutTheOpenAiSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.openai"))
			.withUserConfiguration(AnthropicClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(ClientProxies.isObserved(context.getBean(AnthropicClient.class))).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OpenAiClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnthropicClientConfiguration {

		@Bean
		AnthropicClient anthropicClient() {
			return AnthropicOkHttpClient.builder().baseUrl(server.url("")).apiKey("sk-ant-test").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ImplementationClassConfiguration {

		@Bean
		OpenAIClientImpl openAiClient() {
			return (OpenAIClientImpl) OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomCostCalculatorConfiguration {

		final CostCalculator calculator = new CostCalculator(PriceCatalog.bundled());

		@Bean
		CostCalculator customCostCalculator() {
			return this.calculator;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		final List<CallEvent> received = new CopyOnWriteArrayList<>();

		final List<CallEvent> written = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CallEvent event) {
			this.received.add(event);
		}

		@Bean
		CallEventOutput collectingOutput() {
			return this.written::addAll;
		}

	}

}
