package io.tokensense.autoconfigure;

import io.tokensense.capture.Routes;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * With {@code tokensense.enabled=false}, {@code TokenSense.observe} in this application
 * returns clients unchanged, for as long as the application runs.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "tokensense.enabled", havingValue = false)
public final class TokenSenseDisabledConfiguration {

	@Bean
	SmartLifecycle tokenSenseDisabledLifecycle() {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				Routes.disableApplication(true);
				this.running = true;
			}

			@Override
			public void stop() {
				Routes.disableApplication(false);
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
