package io.tokensense.autoconfigure;

import io.tokensense.internal.recording.ObserveRoutesBinding;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * With {@code tokensense.enabled=false}, {@code TokenSense.observe} in this application
 * returns clients unchanged, from the first bean on and for as long as the application runs.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "tokensense.enabled", havingValue = false)
public final class TokenSenseDisabledConfiguration {

	@Bean
	static ObserveRoutesBinding tokenSenseDisabledBinding() {
		return ObserveRoutesBinding.disabled();
	}

}
