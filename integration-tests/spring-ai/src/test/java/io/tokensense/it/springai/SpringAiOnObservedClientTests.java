package io.tokensense.it.springai;

import java.time.Duration;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import io.micrometer.observation.ObservationRegistry;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * One call, one event: a Spring AI model built on OpenAI client beans that TokenSense observes
 * passes two observed layers. The SDK layer's event is kept (it reads OpenAI's own response:
 * cached tokens of a stream, time to first token) and the observation handler stands back.
 */
@SpringBootTest(classes = { FrameworkTestApplication.class, SpringAiOnObservedClientTests.Clients.class })
class SpringAiOnObservedClientTests {

	private static final LoopbackServer server = new LoopbackServer();

	@Autowired
	private OpenAiChatModel chatModel;

	@Autowired
	private OpenAIClient client;

	@Autowired
	private FrameworkTestApplication.CapturingOutput output;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		FrameworkProperties.register(registry, server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void clear() {
		this.output.clear();
	}

	@Test
	void buildsTheModelOnTheObservedClientBean() {
		assertThat(ClientProxies.isObserved(this.client)).isTrue();
	}

	@Test
	void recordsAPlainCallOnce() {
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-dc1", "gpt-4o-mini-2024-07-18", 100, 20, 30,
				0)));

		this.chatModel.call(new Prompt("Say hello"));

		CallEvent event = single();
		assertThat(event.requestId()).isEqualTo("chatcmpl-dc1");
		assertThat(List.of(event.inputTokens(), event.cacheReadTokens(), event.outputTokens()))
			.containsExactly(100L, 20L, 30L);
	}

	@Test
	void recordsAStreamOnceWithTheSdkLayersCachedTokensAndTimeToFirstToken() {
		server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-dc2", 40, 10, 12)));

		this.chatModel.stream(new Prompt("Say hello")).collectList().block(Duration.ofSeconds(10));

		CallEvent event = single();
		assertThat(event.streamed()).isTrue();
		assertThat(event.cacheReadTokens()).isEqualTo(10L);
		assertThat(event.timeToFirstToken()).isNotNull();
	}

	@Test
	void recordsA429Once() {
		server.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow down")));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt("Say hello")));

		CallEvent event = single();
		assertThat(event.status()).isEqualTo(CallStatus.ERROR);
		assertThat(event.errorType()).isEqualTo("429");
	}

	private CallEvent single() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.output.events().isEmpty());
		Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
			.until(() -> this.output.events().size() == 1);
		return this.output.events().get(0);
	}

	/** OpenAI client beans (observed by TokenSense) and a Spring AI model built on them. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Clients {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

		@Bean
		OpenAIClientAsync openAiClientAsync() {
			return OpenAIOkHttpClientAsync.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

		@Bean
		OpenAiChatModel openAiChatModel(OpenAIClient client, OpenAIClientAsync asyncClient,
				ObservationRegistry observationRegistry) {
			return OpenAiChatModel.builder()
				.openAiClient(client)
				.openAiClientAsync(asyncClient)
				.options(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
				.observationRegistry(observationRegistry)
				.build();
		}

	}

}
