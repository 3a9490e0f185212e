package io.tokensense.autoconfigure;

import java.math.BigDecimal;

import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.TokenUsage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokensense.pricing.models.*} as a user writes it, bound by a real Spring context. */
class TokenSensePricingConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class));

	@Test
	void appliesAnOverrideOfADottedModelNameInBrackets() {
		this.contextRunner
			.withPropertyValues("tokensense.pricing.models.[gpt-4.1].input=1",
					"tokensense.pricing.models.[gpt-4.1].output=2")
			.run((context) -> {
				CostCalculator costs = context.getBean(CostCalculator.class);
				// 1M input at 1 USD + 1M output at 2 USD per million, also for the dated snapshot
				assertThat(costs.price("openai", "gpt-4.1", null, TokenUsage.of(1_000_000, 1_000_000)).costUsd())
					.isEqualByComparingTo("3");
				assertThat(costs.price("openai", "gpt-4.1", "gpt-4.1-2025-04-14", TokenUsage.of(1_000_000, 0))
					.costUsd()).isEqualByComparingTo("1");
			});
	}

	@Test
	void failsStartupOnADottedModelNameWithoutBracketsNamingTheKeyAndTheBracketForm() {
		this.contextRunner.withPropertyValues("tokensense.pricing.models.gpt-4.1.input=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'tokensense.pricing.models.gpt-4.1.input'")
				.hasMessageContaining("tokensense.pricing.models.[gpt-4.1].input");
		});
	}

	@Test
	void failsStartupOnAnUnknownPriceField() {
		this.contextRunner.withPropertyValues("tokensense.pricing.models.gpt-4o.inptu=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'tokensense.pricing.models.gpt-4o.inptu'");
		});
	}

	@Test
	void acceptsEveryPriceFieldInRelaxedForms() {
		this.contextRunner
			.withPropertyValues("tokensense.pricing.models.gpt-4o.cache-read=0.5",
					"tokensense.pricing.models.gpt-4o.cacheWrite=3", "tokensense.pricing.models.gpt-4o.reasoning=9")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CostCalculator costs = context.getBean(CostCalculator.class);
				// 1M cache reads at the overridden 0.5 USD per million
				assertThat(costs.price("openai", "gpt-4o", null, new TokenUsage(1_000_000, 0, 1_000_000, 0, 0, 0))
					.costUsd()).isEqualByComparingTo(new BigDecimal("0.5"));
			});
	}

	@Test
	void failsStartupOnANegativePrice() {
		this.contextRunner.withPropertyValues("tokensense.pricing.models.gpt-4o.input=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("must not be negative");
		});
	}

}
