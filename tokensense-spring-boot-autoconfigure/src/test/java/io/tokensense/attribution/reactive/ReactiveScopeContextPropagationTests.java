package io.tokensense.attribution.reactive;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import io.tokensense.attribution.reactive.ReactiveApplication.Assistant;
import io.tokensense.attribution.reactive.ReactiveApplication.Collector;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With automatic context propagation ({@code spring.reactor.context-propagation=auto}, as an
 * application sets it for tracing), the scope of a reactive {@code @TokenSenseScope} method
 * also holds where its work hops threads after the subscription: a scheduler, each element of
 * a {@code Flux} started when the one before completed on the SDK's thread. The accessor also
 * serves context-propagating executors.
 */
@SpringBootTest(classes = ReactiveApplication.class,
		properties = { "tokensense.tags=from-properties", "spring.reactor.context-propagation=auto" })
class ReactiveScopeContextPropagationTests {

	@Autowired
	private Assistant assistant;

	@Autowired
	private Collector collector;

	@BeforeEach
	void reply() {
		ReactiveApplication.provider.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-p", "gpt-4o", 100, 0, 10, 0)));
		this.collector.events.clear();
	}

	@AfterAll
	static void stop() {
		// Boot turned it on for the whole JVM: the other tests run with Reactor's default
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void theScopeHoldsForABlockingCallMovedToAScheduler() {
		assertThat(this.assistant.askOnScheduler("hana").block(Duration.ofSeconds(10))).isEqualTo("chatcmpl-p");

		CallEvent event = awaitEvents(1).get(0);
		assertThat(event.userId()).isEqualTo("hana");
		assertThat(event.tags()).containsExactly("scheduler", "from-properties");
	}

	@Test
	void theScopeHoldsForEachCallOfAFluxStartedWhenThePreviousOneCompleted() {
		assertThat(this.assistant.askInTurn("ivan", List.of("a", "b", "c")).collectList().block(Duration.ofSeconds(10)))
			.hasSize(3);

		assertThat(awaitEvents(3)).extracting(CallEvent::userId).containsExactly("ivan", "ivan", "ivan");
	}

	@Test
	void aContextPropagatingExecutorCarriesTheScopesOfTheSubmittingThread() throws Exception {
		ExecutorService executor = ContextExecutorService.wrap(Executors.newSingleThreadExecutor(),
				() -> ContextSnapshotFactory.builder().build().captureAll());
		try (var request = TokenSenseContext.userId("alice").tags("r").open(TokenSenseContext.Origin.REQUEST);
				var code = TokenSenseContext.userId("explicit").open()) {
			CompletableFuture<Attribution> seen = CompletableFuture.supplyAsync(() -> {
				try (var method = TokenSenseContext.userId("method").tags("m").open(TokenSenseContext.Origin.METHOD)) {
					return TokenSenseContext.current();
				}
			}, executor);
			// ranks are kept on the other thread: the code scope still wins over a method's opened there
			assertThat(seen.get()).isEqualTo(new Attribution("explicit", null, List.of("m", "r")));
		}
		finally {
			executor.shutdown();
		}
	}

	private List<CallEvent> awaitEvents(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.events.size() >= count);
		assertThat(this.collector.events).hasSize(count);
		return this.collector.events;
	}

}
