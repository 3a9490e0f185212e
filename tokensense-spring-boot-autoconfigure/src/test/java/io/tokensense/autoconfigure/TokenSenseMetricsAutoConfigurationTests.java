package io.tokensense.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.output.MicrometerOutput;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.EventPipelineMetrics;
import io.tokensense.internal.pipeline.OutputState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSenseMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TokenSenseMetricsAutoConfiguration.class, TokenSenseAutoConfiguration.class))
		.withPropertyValues("tokensense.queue.flush-interval=50ms");

	@Test
	void routesEventsToMicrometerWhenThereIsAMeterRegistry() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerOutput.class).hasSingleBean(EventPipelineMetrics.class);
			assertThat(context.getBean(EventPipeline.class).outputStates()).extracting(OutputState::name)
				.containsExactly("log", "micrometer");
		});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(MicrometerOutput.class).doesNotHaveBean(EventPipelineMetrics.class);
			assertThat(context.getBean(EventPipeline.class).outputStates()).extracting(OutputState::name)
				.containsExactly("log");
		});
	}

	@Test
	void backsOffWithoutMicrometerOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerOutput.class));
	}

	@Test
	void backsOffWhenTheOutputsLeaveMicrometerOut() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("tokensense.outputs=log")
			.run((context) -> assertThat(context).doesNotHaveBean(MicrometerOutput.class)
				.doesNotHaveBean(EventPipelineMetrics.class));
	}

	@Test
	void backsOffWhenTokenSenseIsDisabled() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MicrometerOutput.class));
	}

	@Test
	void refusesMicrometerAsAnOutputWithoutAMeterRegistryNamingTheProperty() {
		this.contextRunner.withPropertyValues("tokensense.outputs=micrometer")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tokensense.outputs")
				.hasMessageContaining("micrometer")
				.hasMessageContaining("MeterRegistry"));
	}

	@Test
	void routesOnlyToMicrometerWhenItIsTheOnlyOutputNamed() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("tokensense.outputs=micrometer")
			.run((context) -> assertThat(context.getBean(EventPipeline.class).outputStates())
				.extracting(OutputState::name)
				.containsExactly("micrometer"));
	}

	@Test
	void tagsMetersWithTheUserWhenAskedTo() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("tokensense.metrics.user-tag=true")
			.run((context) -> {
				CallEvent event = new CallEvent(UUID.randomUUID(), Instant.now(), "openai", "chat", "gpt-4o-mini", null,
						null, null, null, null, null, null, null, PricingStatus.NO_USAGE, Duration.ofMillis(5), null,
						false, CallStatus.SUCCESS, null, "alice", null, List.of(), null, null, null, null);
				context.getBean(MicrometerOutput.class).write(List.of(event));
				assertThat(context.getBean(MeterRegistry.class).get("tokensense.calls").tag("user.id", "alice").timer()
					.count()).isOne();
			});
	}

	@Test
	void usesTheApplicationsOwnMicrometerOutput() {
		this.contextRunner.withUserConfiguration(CustomOutputConfiguration.class)
			.run((context) -> assertThat(context.getBean(MicrometerOutput.class))
				.isSameAs(context.getBean(CustomOutputConfiguration.class).output));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomOutputConfiguration {

		final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		final MicrometerOutput output = new MicrometerOutput(this.registry, true);

		@Bean
		MeterRegistry meterRegistry() {
			return this.registry;
		}

		@Bean
		MicrometerOutput customMicrometerOutput() {
			return this.output;
		}

	}

}
