package io.tokensense.autoconfigure;

import io.tokensense.internal.integration.springai.SpringAiObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseSpringAiAutoConfiguration.class));

	@Test
	void registersTheObservationHandlerWhenSpringAiIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SpringAiObservationHandler.class));
	}

	@Test
	void backsOffWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModelObservationContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiObservationHandler.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiObservationHandler.class));
	}

}
