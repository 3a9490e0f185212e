package io.tokensense.sample;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The three LLM clients. Each talks to the real provider when its API key is in the
 * environment ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code GROQ_API_KEY}) and
 * to the built-in {@link FakeProviderServer} otherwise; {@code sample.use-real-providers=false}
 * forces the fake for all three.
 *
 * <p>The beans are declared with the SDK interfaces, not the implementation classes, so
 * TokenSense can replace them with observing proxies of the same type.
 */
@Configuration(proxyBeanMethods = false)
public class LlmClientsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(LlmClientsConfiguration.class);

	private static final String GROQ_BASE_URL = "https://api.groq.com/openai/v1";

	private static final String FAKE_KEY = "fake-key";

	private final Environment environment;

	private final ObjectProvider<FakeProviderServer> fakeServer;

	LlmClientsConfiguration(Environment environment, ObjectProvider<FakeProviderServer> fakeServer) {
		this.environment = environment;
		this.fakeServer = fakeServer;
	}

	/** Started on first use only, so a run with every real key set opens no port. */
	@Bean(initMethod = "start", destroyMethod = "stop")
	FakeProviderServer fakeProviderServer() {
		return new FakeProviderServer();
	}

	@Bean
	OpenAIClient openAiClient() {
		String key = realKey("OPENAI_API_KEY");
		if (key != null) {
			logger.info("openAiClient: real OpenAI API");
			return OpenAIOkHttpClient.builder().apiKey(key).build();
		}
		String baseUrl = fakeBaseUrl("/openai/v1");
		logger.info("openAiClient: fake provider at {} (set OPENAI_API_KEY for the real one)", baseUrl);
		return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(FAKE_KEY).maxRetries(0).build();
	}

	@Bean
	OpenAIClient groqClient() {
		String key = realKey("GROQ_API_KEY");
		if (key != null) {
			logger.info("groqClient: real Groq API at {}", GROQ_BASE_URL);
			return OpenAIOkHttpClient.builder().baseUrl(GROQ_BASE_URL).apiKey(key).build();
		}
		String baseUrl = fakeBaseUrl("/groq/openai/v1");
		logger.info("groqClient: fake provider at {} (set GROQ_API_KEY for the real one)", baseUrl);
		return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(FAKE_KEY).maxRetries(0).build();
	}

	@Bean
	AnthropicClient anthropicClient() {
		String key = realKey("ANTHROPIC_API_KEY");
		if (key != null) {
			logger.info("anthropicClient: real Anthropic API");
			return AnthropicOkHttpClient.builder().apiKey(key).build();
		}
		String baseUrl = fakeBaseUrl("/anthropic");
		logger.info("anthropicClient: fake provider at {} (set ANTHROPIC_API_KEY for the real one)", baseUrl);
		return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(FAKE_KEY).maxRetries(0).build();
	}

	private @Nullable String realKey(String variable) {
		if (!this.environment.getProperty("sample.use-real-providers", Boolean.class, true)) {
			return null;
		}
		String key = this.environment.getProperty(variable);
		return StringUtils.hasText(key) ? key.trim() : null;
	}

	private String fakeBaseUrl(String path) {
		return this.fakeServer.getObject().baseUrl() + path;
	}

}
