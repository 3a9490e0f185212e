package io.tokensense.autoconfigure;

import io.micrometer.observation.ObservationHandler;
import io.tokensense.internal.integration.springai.SpringAiObservationHandler;
import io.tokensense.internal.recording.LazyRecorder;
import io.tokensense.internal.recording.Recorder;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records Spring AI's chat and embedding model calls, of any provider, through an
 * {@link ObservationHandler} that Spring Boot registers with the application's
 * {@code ObservationRegistry} (Spring AI observes its models through that registry, so an
 * application without one, e.g. without actuator, has no observations to record).
 */
@AutoConfiguration(after = TokenSenseAutoConfiguration.class)
@ConditionalOnClass({ ChatModelObservationContext.class, ObservationHandler.class })
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
public final class TokenSenseSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringAiObservationHandler tokenSenseSpringAiObservationHandler(ObjectProvider<Recorder> recorder) {
		return new SpringAiObservationHandler(new LazyRecorder(recorder));
	}

}
