package io.tokensense.autoconfigure.actuate;

import java.time.Clock;

import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.autoconfigure.TokenSenseProperties;
import io.tokensense.budget.Budgets;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.usage.jdbc.JdbcUsageStore;
import io.tokensense.internal.usage.MemoryUsageStore;
import io.tokensense.internal.usage.UsageStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tokensense} actuator endpoint, backed by the JDBC table when the jdbc output
 * contributes a {@link UsageStore}, else by the most recent {@code tokensense.memory.max-events}
 * events kept in memory. Like any actuator endpoint it is reachable over HTTP only once
 * exposed ({@code management.endpoints.web.exposure.include=tokensense}).
 */
@AutoConfiguration(before = TokenSenseAutoConfiguration.class,
		afterName = "io.tokensense.autoconfigure.TokenSenseJdbcAutoConfiguration")
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(TokenSenseEndpoint.class)
public final class TokenSenseEndpointAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JdbcOutput.class)
	static class JdbcUsageStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(UsageStore.class)
		JdbcUsageStore tokenSenseJdbcUsageStore(JdbcOutput output, TokenSenseProperties properties) {
			return new JdbcUsageStore(output.dataSource(), output.table(), properties.getJdbc().getRetention());
		}

	}

	@Bean
	@ConditionalOnMissingBean(UsageStore.class)
	MemoryUsageStore tokenSenseMemoryUsageStore(TokenSenseProperties properties) {
		int maxEvents = properties.getMemory().getMaxEvents();
		if (maxEvents <= 0) {
			throw new IllegalStateException("tokensense.memory.max-events must be greater than 0, was " + maxEvents);
		}
		return new MemoryUsageStore(maxEvents);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenSenseEndpoint tokenSenseEndpoint(UsageStore store, ObjectProvider<Budgets> budgets) {
		return new TokenSenseEndpoint(store, Clock.systemUTC(), budgets.getIfAvailable());
	}

}
