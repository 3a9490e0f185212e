package io.tokensense.autoconfigure;

import io.tokensense.attribution.RequestAttribution;
import io.tokensense.attribution.ScopeParsingPostProcessor;
import io.tokensense.attribution.TokenSenseScopeAspect;
import org.aspectj.weaver.Advice;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Attribution without code: {@link io.tokensense.TokenSenseScope} methods (with Spring AOP
 * and AspectJ on the class path) and Spring MVC requests open attribution scopes. Off with
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

		@Bean
		@ConditionalOnMissingBean
		TokenSenseScopeAspect tokenSenseScopeAspect(ScopeParsingPostProcessor parsing) {
			return new TokenSenseScopeAspect(parsing.definitions());
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
