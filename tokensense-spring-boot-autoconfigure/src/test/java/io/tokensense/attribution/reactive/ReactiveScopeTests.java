package io.tokensense.attribution.reactive;

import java.time.Duration;
import java.util.List;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import io.tokensense.attribution.reactive.ReactiveApplication.Assistant;
import io.tokensense.attribution.reactive.ReactiveApplication.Collector;
import io.tokensense.attribution.reactive.ReactiveApplication.Outer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TokenSenseScope} on methods returning {@code Mono} and {@code Flux}, with Reactor's
 * default (limited) context propagation: the scope holds for the work started when the result
 * is subscribed to, on whatever thread subscribes, and for nothing else.
 */
@SpringBootTest(classes = ReactiveApplication.class, properties = "tokensense.tags=from-properties")
class ReactiveScopeTests {

	@Autowired
	private Assistant assistant;

	@Autowired
	private Outer outer;

	@Autowired
	private Collector collector;

	@BeforeEach
	void reply() {
		ReactiveApplication.provider.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-r", "gpt-4o", 100, 0, 10, 0)));
		this.collector.events.clear();
	}

	@AfterAll
	static void stop() {
		ReactiveApplication.provider.close();
	}

	@Test
	void aMonoKeepsTheScopeForTheAsyncSdkCallItStartsWhenSubscribedToOnAnotherThread() {
		int asked = ReactiveApplication.provider.requests().size();
		Mono<String> answer = this.assistant.ask("erin");
		assertThat(ReactiveApplication.provider.requests()).as("nothing is called before the subscription").hasSize(asked);

		assertThat(answer.subscribeOn(Schedulers.single()).block(Duration.ofSeconds(10))).isEqualTo("chatcmpl-r");

		CallEvent event = awaitOne();
		assertThat(event.userId()).isEqualTo("erin");
		assertThat(event.tags()).containsExactly("mono", "from-properties");
	}

	@Test
	void aFluxKeepsTheScopeForEveryCallItStartsWhenSubscribedTo() {
		assertThat(this.assistant.askAll("frank", List.of("a", "b", "c")).collectList().block(Duration.ofSeconds(10)))
			.hasSize(3);

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.events.size() == 3);
		assertThat(this.collector.events).extracting(CallEvent::userId).containsOnly("frank");
		assertThat(this.collector.events).allSatisfy((event) -> assertThat(event.tags()).containsExactly("flux", "from-properties"));
	}

	@Test
	void aScopeOpenedInCodeAroundTheSubscriptionRanksAboveTheMethods() {
		try (var scope = TokenSenseContext.userId("explicit").tags("explicit").open()) {
			this.assistant.ask("erin").block(Duration.ofSeconds(10));
		}

		CallEvent event = awaitOne();
		assertThat(event.userId()).isEqualTo("explicit");
		assertThat(event.tags()).containsExactly("explicit", "mono", "from-properties");
	}

	@Test
	void theSubscribingThreadKeepsNothingOfTheScope() {
		Mono<String> answer = this.assistant.ask("erin");
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);

		answer.block(Duration.ofSeconds(10));

		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
		assertThat(awaitOne().userId()).isEqualTo("erin");
	}

	@Test
	void eachSubscriptionOfTheSameMonoTakesTheScopeAgain() {
		Mono<String> answer = this.assistant.ask("gina");

		answer.block(Duration.ofSeconds(10));
		answer.subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.events.size() == 2);
		assertThat(this.collector.events).extracting(CallEvent::userId).containsExactly("gina", "gina");
	}

	@Test
	void nestedReactiveMethodsNarrowOneAnotherThroughTheReactorContextAcrossATimer() {
		assertThat(this.outer.delegate("jade").block(Duration.ofSeconds(10))).isEqualTo("chatcmpl-r");

		CallEvent event = awaitOne();
		assertThat(event.userId()).isEqualTo("jade");
		assertThat(event.sessionId()).isEqualTo("outer-session");
		assertThat(event.tags()).containsExactly("mono", "outer", "from-properties");
	}

	private CallEvent awaitOne() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.collector.events.isEmpty());
		assertThat(this.collector.events).hasSize(1);
		return this.collector.events.get(0);
	}

}
