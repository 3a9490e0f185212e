package io.tokensense.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.TokenSense;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.testsupport.Decorators;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client beans the post-processor observes, and that a bean observed by the application
 * itself still makes one event per call.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservingClientBeanPostProcessorTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-bpp", "gpt-4o-mini", 100, 0, 50, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseDisabledConfiguration.class))
		.withUserConfiguration(Listener.class);

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void observesAClientMadeByAFactoryBeanDeclaredWithItsConcreteClass() {
		this.contextRunner.withUserConfiguration(InterfaceFactoryConfiguration.class).run((context) -> {
			OpenAIClient client = context.getBean(OpenAIClient.class);
			assertThat(ClientProxies.isObserved(client)).isTrue();
			client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
			assertThat(context.getBean(Listener.class).events).hasSize(1);
		});
	}

	@Test
	void leavesAFactoryBeanThatMakesAnImplementationClassAloneAndSaysWhatToChange(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ImplementationFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(ClientProxies.isObserved(context.getBean(OpenAIClientImpl.class))).isFalse();
			assertThat(output).contains("its FactoryBean " + ImplementationFactory.class.getName())
				.contains("Make getObjectType() return com.openai.client.OpenAIClient");
		});
	}

	@Test
	void recordsOnceABeanThatDecoratesAClientTheApplicationObserved() {
		this.contextRunner.withUserConfiguration(DecoratedConfiguration.class).run((context) -> {
			OpenAIClient client = context.getBean(OpenAIClient.class);
			client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
			assertThat(context.getBean(DecoratedConfiguration.class).decorators.creates()).isEqualTo(1);
			List<CallEvent> events = context.getBean(Listener.class).events;
			assertThat(events).singleElement().satisfies((event) -> assertThat(event.userId()).isEqualTo("alice"));
		});
	}

	@Test
	void layersTheConfiguredProviderOverTheOptionsOfABeanTheApplicationObserved() {
		this.contextRunner.withUserConfiguration(ObservedConfiguration.class)
			.withPropertyValues("tokensense.providers.openAiClient=groq")
			.run((context) -> {
				context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
				assertThat(context.getBean(Listener.class).events).singleElement().satisfies((event) -> {
					assertThat(event.provider()).isEqualTo("groq");
					assertThat(event.userId()).isEqualTo("alice");
				});
			});
	}

	static OpenAIClient rawClient() {
		return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CallEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceFactoryConfiguration {

		@Bean
		InterfaceFactory openAiClient() {
			return new InterfaceFactory();
		}

	}

	static class InterfaceFactory implements FactoryBean<OpenAIClient> {

		@Override
		public OpenAIClient getObject() {
			return rawClient();
		}

		@Override
		public Class<?> getObjectType() {
			return OpenAIClient.class;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ImplementationFactoryConfiguration {

		@Bean
		ImplementationFactory openAiClient() {
			return new ImplementationFactory();
		}

	}

	static class ImplementationFactory implements FactoryBean<OpenAIClientImpl> {

		@Override
		public OpenAIClientImpl getObject() {
			return (OpenAIClientImpl) rawClient();
		}

		@Override
		public Class<?> getObjectType() {
			return OpenAIClientImpl.class;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DecoratedConfiguration {

		final Decorators decorators = new Decorators();

		@Bean
		OpenAIClient openAiClient() {
			return this.decorators.decorate(OpenAIClient.class,
					TokenSense.observe(rawClient(), ObserveOptions.builder().userId("alice").build()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservedConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return TokenSense.observe(rawClient(), ObserveOptions.builder().userId("alice").build());
		}

	}

}
