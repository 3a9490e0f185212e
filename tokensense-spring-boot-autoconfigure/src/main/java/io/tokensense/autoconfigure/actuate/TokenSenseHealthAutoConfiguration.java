package io.tokensense.autoconfigure.actuate;

import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pricing.RefreshingPriceCatalog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the {@code tokensense} health indicator when Spring Boot's health support is
 * present ({@code management.health.tokensense.enabled=false} switches it off).
 */
@AutoConfiguration(after = TokenSenseAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(EventPipeline.class)
@ConditionalOnEnabledHealthIndicator("tokensense")
public final class TokenSenseHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tokensenseHealthIndicator")
	TokenSenseHealthIndicator tokensenseHealthIndicator(EventPipeline pipeline,
			ObjectProvider<RefreshingPriceCatalog> catalog) {
		return new TokenSenseHealthIndicator(pipeline, catalog.getIfAvailable());
	}

}
