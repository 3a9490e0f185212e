package io.tokensense.attribution.reactive;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseScope;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.Requests;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * An application whose annotated methods return {@code Mono} and {@code Flux}, calling a real
 * OpenAI client against the loopback provider the way reactive code does: an async SDK call
 * wrapped in {@code Mono.fromFuture}, a blocking call moved to a scheduler, one call per
 * element of a {@code Flux}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Import({ ReactiveApplication.Assistant.class, ReactiveApplication.Outer.class })
class ReactiveApplication {

	static final LoopbackServer provider = new LoopbackServer();

	@Bean
	OpenAIClient openAiClient() {
		return OpenAIOkHttpClient.builder().baseUrl(provider.url("/v1")).apiKey("k").maxRetries(0).build();
	}

	@Bean
	Collector collector() {
		return new Collector();
	}

	static class Assistant {

		private final OpenAIClient client;

		Assistant(OpenAIClient client) {
			this.client = client;
		}

		/** The SDK call starts when the Mono is subscribed to, and completes on the SDK's thread. */
		@TokenSenseScope(userId = "#customer", tags = "mono")
		public Mono<String> ask(String customer) {
			return later(this.client);
		}

		/** A blocking call moved off the subscribing thread. */
		@TokenSenseScope(userId = "#customer", tags = "scheduler")
		public Mono<String> askOnScheduler(String customer) {
			return Mono.fromCallable(() -> this.client.chat().completions().create(Requests.openAiChat("gpt-4o")).id())
				.subscribeOn(Schedulers.boundedElastic());
		}

		/** One call per topic, all started when the Flux is subscribed to. */
		@TokenSenseScope(userId = "#customer", tags = "flux")
		public Flux<String> askAll(String customer, List<String> topics) {
			return Flux.fromIterable(topics).flatMap((topic) -> later(this.client));
		}

		/** One call per topic, each started when the one before completed, on the SDK's thread. */
		@TokenSenseScope(userId = "#customer", tags = "flux-in-turn")
		public Flux<String> askInTurn(String customer, List<String> topics) {
			return Flux.fromIterable(topics).concatMap((topic) -> later(this.client));
		}

	}

	static class Outer {

		private final Assistant assistant;

		Outer(Assistant assistant) {
			this.assistant = assistant;
		}

		/** Calls an annotated reactive method after a timer, on a parallel scheduler thread. */
		@TokenSenseScope(userId = "outer-user", sessionId = "outer-session", tags = "outer")
		public Mono<String> delegate(String customer) {
			return Mono.delay(Duration.ofMillis(5)).flatMap((tick) -> this.assistant.ask(customer));
		}

	}

	static Mono<String> later(OpenAIClient client) {
		return Mono.fromFuture(() -> client.async().chat().completions().create(Requests.openAiChat("gpt-4o")))
			.map(ChatCompletion::id);
	}

	static class Collector {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CallEvent event) {
			this.events.add(event);
		}

	}

}
