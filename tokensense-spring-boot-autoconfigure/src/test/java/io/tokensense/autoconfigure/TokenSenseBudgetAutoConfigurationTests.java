package io.tokensense.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetAction;
import io.tokensense.budget.BudgetAlert;
import io.tokensense.budget.BudgetMetrics;
import io.tokensense.budget.BudgetRefresh;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.Budgets;
import io.tokensense.testsupport.Events;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseBudgetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseBudgetAutoConfiguration.class));

	@Test
	void bindsNamedBudgetsBesideTheSharedSettings() {
		this.contextRunner
			.withPropertyValues("tokensense.budgets.zone=Europe/Paris", "tokensense.budgets.refresh-interval=2s",
					"tokensense.budgets.per-user.limit=5", "tokensense.budgets.per-user.window=day",
					"tokensense.budgets.per-user.scope=user", "tokensense.budgets.per-user.action=block",
					"tokensense.budgets.per-user.warn-at=0.5,0.9", "tokensense.budgets.beta.limit=20",
					"tokensense.budgets.beta.window=P30D", "tokensense.budgets.beta.scope=tag",
					"tokensense.budgets.beta.match=beta")
			.run((context) -> {
				List<Budget> budgets = context.getBean(Budgets.class).budgets();
				assertThat(budgets).extracting(Budget::name).containsExactlyInAnyOrder("per-user", "beta");
				Budget perUser = budgets.stream().filter((b) -> b.name().equals("per-user")).findFirst().orElseThrow();
				assertThat(perUser.scope()).isEqualTo(BudgetScope.USER);
				assertThat(perUser.action()).isEqualTo(BudgetAction.BLOCK);
				assertThat(perUser.warnAt()).extracting(Object::toString).containsExactly("0.5", "0.9");
				// midnight in Paris, in summer
				assertThat(perUser.window().start(Instant.parse("2026-07-24T12:00:00Z")))
					.isEqualTo(Instant.parse("2026-07-23T22:00:00Z"));
				Budget beta = budgets.stream().filter((b) -> b.name().equals("beta")).findFirst().orElseThrow();
				assertThat(beta.match()).isEqualTo("beta");
				assertThat(beta.warnAt()).extracting(Object::toString).containsExactly("0.8");
				assertThat(context).hasSingleBean(BudgetRefresh.class);
			});
	}

	@Test
	void startsWithoutBudgets() {
		this.contextRunner.run((context) -> assertThat(context.getBean(Budgets.class).budgets()).isEmpty());
	}

	@Test
	void refusesALimitOfZeroNamingTheProperty() {
		assertStartupFails("tokensense.budgets.daily.limit must be greater than 0", "tokensense.budgets.daily.limit=0",
				"tokensense.budgets.daily.window=day");
	}

	@Test
	void refusesAnUnknownWindowNamingTheProperty() {
		assertStartupFails("tokensense.budgets.daily.window: 'fortnight' is neither",
				"tokensense.budgets.daily.limit=1", "tokensense.budgets.daily.window=fortnight");
	}

	@Test
	void refusesAMissingWindowNamingTheProperty() {
		assertStartupFails("tokensense.budgets.daily.window must be set", "tokensense.budgets.daily.limit=1");
	}

	@Test
	void refusesAnUnknownScopeAndActionNamingTheProperty() {
		assertStartupFails("tokensense.budgets.daily.scope: 'team' is not a scope", "tokensense.budgets.daily.limit=1",
				"tokensense.budgets.daily.window=day", "tokensense.budgets.daily.scope=team");
		assertStartupFails("tokensense.budgets.daily.action: 'throttle' is not an action",
				"tokensense.budgets.daily.limit=1", "tokensense.budgets.daily.window=day",
				"tokensense.budgets.daily.action=throttle");
	}

	@Test
	void refusesWarnFractionsOutsideZeroToOneNamingTheProperty() {
		assertStartupFails("tokensense.budgets.daily.warn-at must hold fractions", "tokensense.budgets.daily.limit=1",
				"tokensense.budgets.daily.window=day", "tokensense.budgets.daily.warn-at=80");
	}

	@Test
	void refusesAZeroRefreshIntervalNamingTheProperty() {
		assertStartupFails("tokensense.budgets.refresh-interval must be greater than 0",
				"tokensense.budgets.refresh-interval=0s", "tokensense.budgets.daily.limit=1",
				"tokensense.budgets.daily.window=day");
	}

	@Test
	void publishesAlertsAsApplicationEventsAndCountsThem() {
		this.contextRunner.withUserConfiguration(AlertCollector.class, Registry.class)
			.withPropertyValues("tokensense.budgets.daily.limit=1", "tokensense.budgets.daily.window=day")
			.run((context) -> {
				assertThat(context).hasSingleBean(BudgetMetrics.class);
				Budgets budgets = context.getBean(Budgets.class);
				budgets.recorded(Events.priced(Instant.now(), "gpt-4o", "alice", 1, 1, "0.9"));
				budgets.recorded(Events.priced(Instant.now(), "gpt-4o", "alice", 1, 1, "0.2"));
				assertThat(context.getBean(AlertCollector.class).alerts).extracting(BudgetAlert::level)
					.containsExactly("warn", "exceeded");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(BudgetMetrics.ALERTS).tag("budget", "daily").tag("level", "warn").counter()
					.count()).isEqualTo(1);
				assertThat(registry.get(BudgetMetrics.ALERTS).tag("level", "exceeded").counter().count())
					.isEqualTo(1);
			});
	}

	private void assertStartupFails(String message, String... properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			List<String> messages = new java.util.ArrayList<>();
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				messages.add(String.valueOf(cause.getMessage()));
			}
			assertThat(messages).anySatisfy((text) -> assertThat(text).startsWith(message));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class AlertCollector {

		final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();

		@EventListener
		void on(BudgetAlert alert) {
			this.alerts.add(alert);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		SimpleMeterRegistry registry() {
			return new SimpleMeterRegistry();
		}

	}

}
