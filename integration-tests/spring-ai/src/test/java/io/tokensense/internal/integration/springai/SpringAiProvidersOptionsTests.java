package io.tokensense.internal.integration.springai;

import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider the budget advisor asks about, told by the type of a request's options: Spring
 * AI's real option types, so a renamed package would show here.
 */
class SpringAiProvidersOptionsTests {

	@Test
	void namesTheProviderOfEachModelModulesOptions() {
		assertThat(SpringAiProviders.ofOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build()))
			.isEqualTo("openai");
		assertThat(SpringAiProviders.ofOptions(AnthropicChatOptions.builder().model("claude-haiku-4-5").build()))
			.isEqualTo("anthropic");
	}

	@Test
	void leavesCommonOptionsAndNoOptionsUnnamed() {
		assertThat(SpringAiProviders.ofOptions(ChatOptions.builder().model("gpt-4o-mini").build()))
			.isEqualTo(SpringAiProviders.UNKNOWN);
		assertThat(SpringAiProviders.ofOptions(null)).isEqualTo(SpringAiProviders.UNKNOWN);
	}

}
