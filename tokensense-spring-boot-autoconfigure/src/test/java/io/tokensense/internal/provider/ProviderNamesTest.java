package io.tokensense.internal.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderNamesTest {

	@Test
	void namesKnownHosts() {
		assertThat(ProviderNames.fromBaseUrl("https://api.openai.com/v1")).isEqualTo("openai");
		assertThat(ProviderNames.fromBaseUrl("https://api.groq.com/openai/v1")).isEqualTo("groq");
		assertThat(ProviderNames.fromBaseUrl("https://api.anthropic.com")).isEqualTo("anthropic");
		assertThat(ProviderNames.fromBaseUrl("https://my-east.openai.azure.com/openai")).isEqualTo("azure.ai.openai");
		assertThat(ProviderNames.fromBaseUrl("https://api.deepseek.com")).isEqualTo("deepseek");
		assertThat(ProviderNames.fromBaseUrl("https://api.mistral.ai/v1")).isEqualTo("mistral_ai");
		assertThat(ProviderNames.fromBaseUrl("https://api.x.ai/v1")).isEqualTo("x_ai");
		assertThat(ProviderNames.fromBaseUrl("https://openrouter.ai/api/v1")).isEqualTo("openrouter");
	}

	@Test
	void leavesUnknownHostsUnnamed() {
		assertThat(ProviderNames.fromBaseUrl("http://127.0.0.1:8080/v1")).isNull();
		assertThat(ProviderNames.fromBaseUrl("https://api.groq.com.evil.example/v1")).isNull();
		assertThat(ProviderNames.fromBaseUrl("not a url")).isNull();
		assertThat(ProviderNames.fromBaseUrl(null)).isNull();
	}

	@Test
	void readsTheBaseUrlOfRealClients() {
		var openAi = com.openai.client.okhttp.OpenAIOkHttpClient.builder()
			.baseUrl("https://api.groq.com/openai/v1")
			.apiKey("k")
			.build();
		var anthropic = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder().apiKey("k").build();
		assertThat(BaseUrls.of(openAi)).isEqualTo("https://api.groq.com/openai/v1");
		assertThat(BaseUrls.of(openAi.async())).isEqualTo("https://api.groq.com/openai/v1");
		assertThat(ProviderNames.fromBaseUrl(BaseUrls.of(anthropic))).isEqualTo("anthropic");
	}

}
