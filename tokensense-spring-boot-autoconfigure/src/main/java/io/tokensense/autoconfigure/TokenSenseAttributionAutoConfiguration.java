package io.tokensense.autoconfigure;

import io.tokensense.internal.attribution.ReactiveRequestAttribution;
import io.tokensense.internal.attribution.RequestAttribution;
import io.tokensense.internal.attribution.ScopeParsingPostProcessor;
import io.tokensense.internal.attribution.TokenSenseScopeAdvisor;
import org.aspectj.weaver.Advice;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.WebFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Attribution without code: {@link io.tokensense.TokenSenseScope} methods (with Spring AOP
 * and AspectJ on the class path) and Spring MVC or WebFlux requests open attribution scopes. Off with
 * {@code tokensense.attribution.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = { "tokensense.enabled", "tokensense.attribution.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(AttributionProperties.class)
public final class TokenSenseAttributionAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Advice.class)
	static class ScopeAnnotationConfiguration {

		@Bean
		static ScopeParsingPostProcessor tokenSenseScopeParsingPostProcessor() {
			return new ScopeParsingPostProcessor();
		}

		/** An infrastructure advisor, like {@code @Transactional}'s: created as proxying starts. */
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean
		static TokenSenseScopeAdvisor tokenSenseScopeAdvisor(ScopeParsingPostProcessor parsing) {
			return new TokenSenseScopeAdvisor(parsing.definitions());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ WebFilter.class, Mono.class })
	@Conditional(OnRequestAttribution.class)
	static class ReactiveRequestConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveRequestAttribution tokenSenseReactiveRequestAttribution(AttributionProperties properties,
				ObjectProvider<HandlerMapping> handlerMappings) {
			return new ReactiveRequestAttribution(properties.isPrincipal(), properties.getSessionHeader(),
					properties.isHandlerTag(), SingletonSupplier.of(() -> handlerMappings.orderedStream().toList()));
		}

	}

	/** Any of the web request's attributions is switched on. */
	static class OnRequestAttribution extends AnyNestedCondition {

		OnRequestAttribution() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("tokensense.attribution.principal")
		static class Principal {

		}

		@ConditionalOnProperty("tokensense.attribution.session-header")
		static class SessionHeader {

		}

		@ConditionalOnBooleanProperty("tokensense.attribution.handler-tag")
		static class HandlerTag {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class ServletRequestConfiguration {

		@Bean
		WebMvcConfigurer tokenSenseRequestAttribution(AttributionProperties properties) {
			RequestAttribution attribution = new RequestAttribution(properties.isPrincipal(),
					properties.getSessionHeader(), properties.isHandlerTag());
			return new WebMvcConfigurer() {
				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					if (attribution.isActive()) {
						registry.addInterceptor(attribution);
					}
				}
			};
		}

	}

}
