package io.tokensense.attribution.reactive;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.TokenSenseScope;
import io.tokensense.attribution.reactive.ReactiveApplication.Collector;
import io.tokensense.testsupport.LoopbackServer;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application on Reactor Netty with Spring Security (two users over basic auth), a
 * real OpenAI client against the loopback provider and controllers that call it reactively.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableWebFluxSecurity
@Import({ WebFluxAttributionApplication.ChatController.class, WebFluxAttributionApplication.Checkout.class })
class WebFluxAttributionApplication {

	static final LoopbackServer provider = new LoopbackServer();

	@Bean
	OpenAIClient openAiClient() {
		return OpenAIOkHttpClient.builder().baseUrl(provider.url("/v1")).apiKey("k").maxRetries(0).build();
	}

	@Bean
	Collector collector() {
		return new Collector();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(User.withUsername("alice").password("{noop}a-secret").roles("U").build(),
				User.withUsername("bob").password("{noop}b-secret").roles("U").build());
	}

	@Bean
	SecurityWebFilterChain security(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@RestController
	static class ChatController {

		private final OpenAIClient client;

		private final Checkout checkout;

		ChatController(OpenAIClient client, Checkout checkout) {
			this.client = client;
			this.checkout = checkout;
		}

		@GetMapping("/chat")
		Mono<String> chat() {
			return ReactiveApplication.later(this.client);
		}

		@PostMapping("/orders/{id}")
		Mono<String> order(@PathVariable String id, @RequestParam String customer) {
			return this.checkout.checkout(id, customer);
		}

	}

	static class Checkout {

		private final OpenAIClient client;

		Checkout(OpenAIClient client) {
			this.client = client;
		}

		@TokenSenseScope(userId = "#customer", tags = { "checkout", "#id" })
		public Mono<String> checkout(String id, String customer) {
			return ReactiveApplication.later(this.client);
		}

	}

}
