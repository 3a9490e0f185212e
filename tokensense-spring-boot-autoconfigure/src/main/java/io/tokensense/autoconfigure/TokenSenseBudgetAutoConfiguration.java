package io.tokensense.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokensense.budget.BudgetListener;
import io.tokensense.budget.BudgetMetrics;
import io.tokensense.budget.BudgetRefresh;
import io.tokensense.budget.Budgets;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.usage.jdbc.JdbcSpendReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Budgets from {@code tokensense.budgets.<name>.*}: a {@link Budgets} bean (inject it to check
 * calls TokenSense does not observe), alerts published as application events and counted on
 * Micrometer, and a background refresh that, with the jdbc output on, reads every instance's
 * spend from its table every {@code tokensense.budgets.refresh-interval}.
 *
 * <p>Beans you can replace: {@link Budgets}, {@link BudgetRefresh}, {@link BudgetMetrics}. Any
 * {@link BudgetListener} bean is told about alerts and refused calls.
 */
@AutoConfiguration(before = TokenSenseAutoConfiguration.class, after = TokenSenseJdbcAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TokenSenseProperties.class)
public final class TokenSenseBudgetAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TokenSenseBudgetAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	Budgets tokenSenseBudgets(Environment environment, TokenSenseProperties properties,
			ApplicationEventPublisher publisher, ObjectProvider<BudgetListener> listeners) {
		var budgets = BudgetDefinitions.bind(environment, properties.getBudgets().getZone());
		List<BudgetListener> all = new ArrayList<>();
		all.add(new BudgetAlertPublisher(publisher));
		listeners.orderedStream().forEach(all::add);
		if (!budgets.isEmpty()) {
			logger.info("TokenSense budgets: {}", budgets.stream()
				.map((b) -> b.name() + " (" + b.limit().toPlainString() + " USD per " + b.window() + ", "
						+ b.scope().propertyValue() + ((b.match() != null) ? " " + b.match() : "") + ", "
						+ b.action().propertyValue() + ")")
				.toList());
		}
		return new Budgets(budgets, Clock.systemUTC(), new CompositeBudgetListener(all));
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	BudgetRefresh tokenSenseBudgetRefresh(Budgets budgets, TokenSenseProperties properties,
			ObjectProvider<JdbcOutput> jdbcOutput) {
		Duration interval = properties.getBudgets().getRefreshInterval();
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalStateException(
					"tokensense.budgets.refresh-interval must be greater than 0, was " + interval);
		}
		JdbcOutput output = jdbcOutput.getIfAvailable();
		return new BudgetRefresh(budgets,
				(output != null) ? new JdbcSpendReader(output.dataSource(), output.table()) : null, interval);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class BudgetMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BudgetMetrics tokenSenseBudgetMetrics(MeterRegistry registry) {
			return new BudgetMetrics(registry);
		}

	}

}
