package io.tokensense.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokensense.output.BuiltInOutput;
import io.tokensense.output.MicrometerOutput;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.EventPipelineMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code micrometer} output: TokenSense's meters on the application's
 * {@link MeterRegistry}. Ordered after Boot's metrics auto-configuration, which creates the
 * registry, so that {@link ConditionalOnBean @ConditionalOnBean(MeterRegistry.class)} sees it;
 * ordered before {@link TokenSenseAutoConfiguration}, whose pipeline collects the output.
 *
 * <p>Beans you can replace: {@link MicrometerOutput}, {@link EventPipelineMetrics}.
 */
@AutoConfiguration(before = TokenSenseAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
@ConditionalOnTokenSenseOutput(BuiltInOutput.MICROMETER)
@EnableConfigurationProperties(TokenSenseProperties.class)
public final class TokenSenseMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerOutput tokenSenseMicrometerOutput(MeterRegistry registry, TokenSenseProperties properties) {
		return new MicrometerOutput(registry, properties.getMetrics().isUserTag());
	}

	@Bean
	@ConditionalOnMissingBean
	EventPipelineMetrics tokenSensePipelineMetrics(ObjectProvider<EventPipeline> pipeline) {
		// looked up when the registry binds it: the pipeline is built later, from the outputs
		return new EventPipelineMetrics(pipeline::getIfAvailable);
	}

}
