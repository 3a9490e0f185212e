package io.tokensense.autoconfigure;

import java.util.List;

import io.tokensense.Attribution;
import io.tokensense.budget.BudgetGuard;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.RefreshingPriceCatalog;
import io.tokensense.internal.recording.ObserveRoutesBinding;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.output.CallEventOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Observes the application's LLM client beans and routes each call's {@link io.tokensense.CallEvent}
 * through a bounded queue to the configured outputs.
 *
 * <p>Beans you can replace: {@link RefreshingPriceCatalog} (the catalog in use, read again from
 * {@code tokensense.pricing.catalog} in the background), {@link CostCalculator} (prices),
 * {@link EventPipeline} (queue and outputs). Any {@link CallEventOutput} bean is one more output.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TokenSenseProperties.class)
public final class TokenSenseAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TokenSenseAutoConfiguration.class);

	@Bean
	static ObserveRoutesBinding tokenSenseObserveBinding() {
		return ObserveRoutesBinding.enabled();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "tokensense.wrap-beans", matchIfMissing = true)
	static ObservingClientBeanPostProcessor tokenSenseClientBeanPostProcessor(
			ObjectProvider<TokenSenseProperties> properties, ObjectProvider<Recorder> recorder) {
		return new ObservingClientBeanPostProcessor(properties, recorder);
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshingPriceCatalog tokenSensePriceCatalog(TokenSenseProperties properties, Environment environment) {
		PriceOverrideKeys.validate(environment);
		return PricingFactory.catalog(properties.getPricing());
	}

	@Bean
	CatalogRefreshLifecycle tokenSenseCatalogRefreshLifecycle(RefreshingPriceCatalog catalog) {
		return new CatalogRefreshLifecycle(catalog);
	}

	@Bean
	@ConditionalOnMissingBean
	CostCalculator tokenSenseCostCalculator(RefreshingPriceCatalog catalog) {
		return new CostCalculator(catalog);
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	EventPipeline tokenSensePipeline(TokenSenseProperties properties, List<CallEventOutput> applicationOutputs) {
		PipelineSettings settings = pipelineSettings(properties);
		List<CallEventOutput> outputs = ConfiguredOutputs.resolve(properties.getOutputs(), applicationOutputs);
		logger.info("TokenSense writes LLM call events to {}", outputs.stream().map(CallEventOutput::name).toList());
		return new EventPipeline(outputs, settings, "tokensense-pipeline");
	}

	/** Checked before any output is set up, so that a bad value leaves nothing to close. */
	private static PipelineSettings pipelineSettings(TokenSenseProperties properties) {
		TokenSenseProperties.Queue queue = properties.getQueue();
		return new PipelineSettings(queue.getCapacity(), queue.getBatchSize(), queue.getFlushInterval(),
				properties.getShutdownTimeout());
	}

	@Bean
	ApplicationEventSink tokenSenseApplicationEventSink(ApplicationEventPublisher publisher) {
		return new ApplicationEventSink(publisher);
	}

	@Bean
	CallEventQueueingListener tokenSenseQueueingListener(EventPipeline pipeline, ApplicationEventSink sink) {
		return new CallEventQueueingListener(pipeline, sink);
	}

	@Bean
	Recorder tokenSenseRecorder(TokenSenseProperties properties, CostCalculator costs, ApplicationEventSink sink,
			ObjectProvider<BudgetGuard> budgets) {
		warnAboutContentCapture(properties);
		Attribution defaults = new Attribution(properties.getUserId(), properties.getSessionId(),
				properties.getTags());
		return new Recorder(costs, defaults, properties.isLogPrompts(), properties.isLogResponses(), sink,
				properties.getStreaming().isIncludeUsage(), budgets.getIfAvailable(() -> BudgetGuard.NONE));
	}

	@Bean
	PipelineLifecycle tokenSensePipelineLifecycle(EventPipeline pipeline) {
		return new PipelineLifecycle(pipeline);
	}

	private static void warnAboutContentCapture(TokenSenseProperties properties) {
		if (properties.isLogPrompts() || properties.isLogResponses()) {
			logger.warn("TokenSense keeps LLM {} in call events (tokensense.log-prompts={}, "
					+ "tokensense.log-responses={}): they may contain personal or confidential data, and every "
					+ "output writes them", contentKinds(properties), properties.isLogPrompts(),
					properties.isLogResponses());
		}
	}

	private static String contentKinds(TokenSenseProperties properties) {
		if (properties.isLogPrompts() && properties.isLogResponses()) {
			return "prompts and responses";
		}
		return properties.isLogPrompts() ? "prompts" : "responses";
	}

}
