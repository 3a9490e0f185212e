package io.tokensense.autoconfigure;

import io.tokensense.internal.integration.springai.SpringAiBudgetAdvisor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseSpringAiBudgetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseBudgetAutoConfiguration.class, TokenSenseSpringAiBudgetAutoConfiguration.class));

	@Test
	void offersTheBudgetAdvisorToChatClientBuildersWhenSpringAiChatClientIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SpringAiBudgetAdvisor.class);
			assertThat(context).hasSingleBean(ChatClientBuilderCustomizer.class);
		});
	}

	@Test
	void backsOffWithoutSpringAiChatClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiBudgetAdvisor.class)
				.doesNotHaveBean(ChatClientBuilderCustomizer.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiBudgetAdvisor.class));
	}

}
