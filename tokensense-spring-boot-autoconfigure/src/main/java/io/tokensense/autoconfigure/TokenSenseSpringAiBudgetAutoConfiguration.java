package io.tokensense.autoconfigure;

import io.tokensense.internal.integration.springai.SpringAiBudgetAdvisor;
import io.tokensense.internal.recording.LazyRecorder;
import io.tokensense.internal.recording.Recorder;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Blocks Spring AI {@code ChatClient} calls when a budget with {@code action: block} is spent:
 * a {@link ChatClientBuilderCustomizer}, which Spring AI applies to every
 * {@code ChatClient.Builder} it auto-configures, adds a {@link SpringAiBudgetAdvisor} to the
 * builders made while the application has a blocking budget. A {@code ChatModel} called
 * directly passes no advisor: it is counted, not blocked.
 */
@AutoConfiguration(after = { TokenSenseAutoConfiguration.class, TokenSenseBudgetAutoConfiguration.class })
@ConditionalOnClass({ ChatClient.class, ChatClientBuilderCustomizer.class })
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
public final class TokenSenseSpringAiBudgetAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringAiBudgetAdvisor tokenSenseSpringAiBudgetAdvisor(ObjectProvider<Recorder> recorder) {
		return new SpringAiBudgetAdvisor(new LazyRecorder(recorder));
	}

	@Bean
	ChatClientBuilderCustomizer tokenSenseBudgetAdvisorCustomizer(SpringAiBudgetAdvisor advisor,
			ObjectProvider<Recorder> recorder) {
		return (builder) -> {
			Recorder current = recorder.getIfAvailable();
			if (current != null && current.budgets().blocks()) {
				builder.defaultAdvisors(advisor);
			}
		};
	}

}
