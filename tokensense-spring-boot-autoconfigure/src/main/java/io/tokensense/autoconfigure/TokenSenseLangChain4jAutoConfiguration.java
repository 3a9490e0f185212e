package io.tokensense.autoconfigure;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.tokensense.internal.integration.langchain4j.TokenSenseChatModelListener;
import io.tokensense.internal.recording.LazyRecorder;
import io.tokensense.internal.recording.Recorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records LangChain4j's chat and streaming chat model calls through a {@link ChatModelListener}
 * bean, which LangChain4j's Spring Boot starters attach to the models they build.
 */
@AutoConfiguration(after = TokenSenseAutoConfiguration.class)
@ConditionalOnClass(ChatModelListener.class)
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
public final class TokenSenseLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TokenSenseChatModelListener tokenSenseChatModelListener(ObjectProvider<Recorder> recorder) {
		return new TokenSenseChatModelListener(new LazyRecorder(recorder));
	}

}
