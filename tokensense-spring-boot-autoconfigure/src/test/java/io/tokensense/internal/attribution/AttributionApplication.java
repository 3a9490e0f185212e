package io.tokensense.internal.attribution;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.TokenSense;
import io.tokensense.TokenSenseContext;
import io.tokensense.TokenSenseScope;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.Requests;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with Spring Security (two users over basic auth), a real OpenAI client
 * against the loopback provider, a controller and an annotated service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@EnableWebSecurity
@Import({ AttributionApplication.ChatController.class, AttributionApplication.Assistant.class,
		AttributionApplication.Helper.class })
class AttributionApplication {

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
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}a-secret").roles("U").build(),
				User.withUsername("bob").password("{noop}b-secret").roles("U").build());
	}

	@Bean
	SecurityFilterChain security(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	record Order(String id, String customerId, Customer customer) {
	}

	record Customer(String name) {
	}

	@RestController
	static class ChatController {

		private final OpenAIClient client;

		private final Assistant assistant;

		ChatController(OpenAIClient client, Assistant assistant) {
			this.client = client;
			this.assistant = assistant;
		}

		@GetMapping("/chat")
		String chat() {
			ask(this.client);
			return "ok";
		}

		@PostMapping("/orders/{id}")
		String checkout(@PathVariable String id, @RequestParam String customer) {
			this.assistant.checkout(new Order(id, customer, new Customer(customer + "-name")));
			return "ok";
		}

		@PostMapping("/orders/{id}/explicit")
		String checkoutInExplicitScope(@PathVariable String id) {
			try (var scope = TokenSenseContext.userId("explicit-user").tags("explicit").open()) {
				this.assistant.checkout(new Order(id, "carol", new Customer("carol-name")));
			}
			return "ok";
		}

		@GetMapping("/async")
		String async(@RequestParam String topic) {
			return this.assistant.inBackground(topic).join();
		}

		@GetMapping("/async-sdk")
		String asyncSdk(@RequestParam String customer) {
			return this.assistant.askLater(customer).join().id();
		}

		@GetMapping("/nested")
		String nested() {
			this.assistant.outer();
			return "ok";
		}

		/** A client observed with options of its own, below the request's attribution. */
		@GetMapping("/options")
		String withOptions() {
			OpenAIClient observed = TokenSense.observe(
					OpenAIOkHttpClient.builder().baseUrl(provider.url("/v1")).apiKey("k").maxRetries(0).build(),
					ObserveOptions.builder().userId("options-user").sessionId("options-session").tags("options").build());
			ask(observed);
			return "ok";
		}

		@GetMapping("/unresolvable")
		String unresolvable() {
			this.assistant.byCustomerName(new Order("o-9", "dave", null));
			return "ok";
		}

	}

	static class Assistant {

		private final OpenAIClient client;

		private final Helper helper;

		Assistant(OpenAIClient client, Helper helper) {
			this.client = client;
			this.helper = helper;
		}

		@TokenSenseScope(userId = "#order.customerId", tags = { "checkout", "#p0.id" })
		public void checkout(Order order) {
			ask(this.client);
		}

		@Async
		@TokenSenseScope(userId = "#topic", tags = "background")
		public CompletableFuture<String> inBackground(String topic) {
			ask(this.client);
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		/** An async SDK call started inside the scope: it completes later, on the SDK's thread. */
		@TokenSenseScope(userId = "#customer", tags = "async-sdk")
		public CompletableFuture<ChatCompletion> askLater(String customer) {
			return this.client.async().chat().completions().create(Requests.openAiChat("gpt-4o"));
		}

		@TokenSenseScope(userId = "outer-user", sessionId = "outer-session", tags = "outer")
		public void outer() {
			this.helper.inner();
		}

		@TokenSenseScope(userId = "#order.customer.name", tags = "by-name")
		public void byCustomerName(Order order) {
			ask(this.client);
		}

	}

	/** A class-level scope: every public method opens it. */
	@TokenSenseScope(userId = "inner-user", tags = "inner")
	static class Helper {

		private final OpenAIClient client;

		Helper(OpenAIClient client) {
			this.client = client;
		}

		public void inner() {
			ask(this.client);
		}

	}

	static void ask(OpenAIClient client) {
		client.chat().completions().create(Requests.openAiChat("gpt-4o"));
	}

	static class Collector {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CallEvent event) {
			this.events.add(event);
		}

	}

}
