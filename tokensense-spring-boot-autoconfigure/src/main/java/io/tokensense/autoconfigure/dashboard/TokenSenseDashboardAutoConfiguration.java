package io.tokensense.autoconfigure.dashboard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The usage dashboard at {@code tokensense.dashboard.path} ({@code /tokensense}), off unless
 * {@code tokensense.dashboard.enabled=true}. The page reads the {@code tokensense} actuator
 * endpoint from the browser, so it shows exactly what that endpoint lets the caller see.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty("tokensense.dashboard.enabled")
@EnableConfigurationProperties(DashboardProperties.class)
public final class TokenSenseDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tokenSenseDashboardRoutes")
	RouterFunction<ServerResponse> tokenSenseDashboardRoutes(DashboardProperties properties,
			ObjectProvider<EndpointLocator> locator) {
		EndpointLocator endpoint = () -> {
			EndpointLocator found = locator.getIfAvailable();
			return (found != null) ? found.locate() : EndpointLocation.NO_ACTUATOR;
		};
		return new DashboardPage(properties.getPath(), endpoint).routes();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PathMappedEndpoints.class)
	static class ActuatorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EndpointLocator tokenSenseDashboardEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints,
				Environment environment) {
			return new ActuatorEndpointLocator(endpoints, environment);
		}

	}

}
