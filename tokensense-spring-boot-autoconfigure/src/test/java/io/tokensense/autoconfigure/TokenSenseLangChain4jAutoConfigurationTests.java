package io.tokensense.autoconfigure;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.tokensense.internal.integration.langchain4j.TokenSenseChatModelListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseLangChain4jAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseLangChain4jAutoConfiguration.class));

	@Test
	void registersAChatModelListenerBeanWhenLangChain4jIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(TokenSenseChatModelListener.class)
			.hasSingleBean(ChatModelListener.class));
	}

	@Test
	void backsOffWithoutLangChain4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModelListener.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TokenSenseChatModelListener.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TokenSenseChatModelListener.class));
	}

}
