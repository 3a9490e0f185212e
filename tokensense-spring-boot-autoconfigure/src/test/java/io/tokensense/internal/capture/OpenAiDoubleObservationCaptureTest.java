package io.tokensense.internal.capture;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.testsupport.Decorators;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client observed twice, directly or with a JDK-proxy decorator between the two layers (in
 * either order), makes one event per call, carrying the outer options over the inner ones.
 */
class OpenAiDoubleObservationCaptureTest {

	private final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-twice", "gpt-4o-mini", 100, 0, 20, 0)));

	private final RecordingSink inner = new RecordingSink();

	private final RecordingSink outer = new RecordingSink();

	private final Decorators decorators = new Decorators();

	private final List<String> callbacks = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsOnceThroughADecoratorAroundAnObservedClient() {
		OpenAIClient observedTwice = observeOuter(this.decorators.decorate(OpenAIClient.class, observeInner(raw())));

		observedTwice.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		assertThat(this.decorators.creates()).isEqualTo(1);
		CallEvent event = onlyEvent();
		assertThat(event.userId()).isEqualTo("inner-user");
		assertThat(event.sessionId()).isEqualTo("outer-session");
		assertThat(event.tags()).containsExactly("outer", "inner");
		assertThat(this.callbacks).containsExactly("inner", "outer");
	}

	@Test
	void recordsOnceThroughAnObservedClientAroundADecoratorAroundAnObservedClient() {
		OpenAIClient layers = observeOuter(
				this.decorators.decorate(OpenAIClient.class, observeInner(this.decorators.decorate(OpenAIClient.class,
						raw()))));

		layers.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		layers.withOptions((options) -> options.maxRetries(0)).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		assertThat(this.decorators.creates()).isEqualTo(4);
		assertThat(this.inner.events()).isEmpty();
		assertThat(this.outer.events()).hasSize(2).allSatisfy((event) -> assertThat(event.userId()).isEqualTo("inner-user"));
	}

	@Test
	void recordsAStreamOnceThroughADecoratorAroundAnObservedClient() {
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSseWithUsage("chatcmpl-s", 100, 0, 20)));
		OpenAIClient observedTwice = observeOuter(this.decorators.decorate(OpenAIClient.class, observeInner(raw())));

		List<ChatCompletionChunk> chunks;
		try (var stream = observedTwice.chat()
			.completions()
			.createStreaming(Requests.openAiChatWithStreamUsage("gpt-4o-mini"))) {
			chunks = stream.stream().toList();
		}

		assertThat(chunks).isNotEmpty();
		CallEvent event = onlyEvent();
		assertThat(event.streamed()).isTrue();
		assertThat(event.inputTokens()).isEqualTo(100);
	}

	@Test
	void recordsAnAsyncCallOnceThroughADecoratorAroundAnObservedClient() throws Exception {
		OpenAIClientAsync raw = OpenAIOkHttpClientAsync.builder()
			.baseUrl(this.server.url("/v1"))
			.apiKey("k")
			.maxRetries(0)
			.build();
		OpenAIClientAsync observedTwice = ClientProxies.observe(
				this.decorators.decorate(OpenAIClientAsync.class,
						ClientProxies.observe(raw, innerOptions(), this.inner.route())),
				outerOptions(), this.outer.route());

		observedTwice.chat().completions().create(Requests.openAiChat("gpt-4o-mini")).get(10, TimeUnit.SECONDS);

		CallEvent event = onlyEvent();
		assertThat(event.inputTokens()).isEqualTo(100);
	}

	@Test
	void layersOptionsGivenToAnObservedClientOverItsOwnInOneProxy() {
		OpenAIClient once = observeInner(raw());
		OpenAIClient twice = ClientProxies.observe(once, outerOptions(), this.outer.route());

		twice.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		once.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		assertThat(ClientProxies.isObserved(twice)).isTrue();
		assertThat(twice).isNotSameAs(once);
		// the layered client writes to the outer output, as its options name one; the first keeps its own
		assertThat(this.outer.single().tags()).containsExactly("outer", "inner");
		assertThat(this.outer.single().sessionId()).isEqualTo("outer-session");
		assertThat(this.inner.single().tags()).containsExactly("inner");
		assertThat(this.callbacks).containsExactly("inner", "outer", "inner");
	}

	@Test
	void returnsAnObservedClientItselfWhenTheNewOptionsSetNothing() {
		OpenAIClient once = observeInner(raw());

		assertThat(ClientProxies.observe(once, ObserveOptions.defaults(), this.outer.route())).isSameAs(once);
	}

	private CallEvent onlyEvent() {
		List<CallEvent> all = new java.util.ArrayList<>(this.inner.events());
		all.addAll(this.outer.events());
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private OpenAIClient raw() {
		return OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("k").maxRetries(0).build();
	}

	private OpenAIClient observeInner(OpenAIClient client) {
		return ClientProxies.observe(client, innerOptions(), this.inner.route());
	}

	private OpenAIClient observeOuter(OpenAIClient client) {
		return ClientProxies.observe(client, outerOptions(), this.outer.route());
	}

	private ObserveOptions innerOptions() {
		return ObserveOptions.builder()
			.userId("inner-user")
			.tags("inner")
			.output((batch) -> {
			})
			.onEvent((event) -> this.callbacks.add("inner"))
			.build();
	}

	private ObserveOptions outerOptions() {
		return ObserveOptions.builder()
			.sessionId("outer-session")
			.tags("outer")
			.output((batch) -> {
			})
			.onEvent((event) -> this.callbacks.add("outer"))
			.build();
	}

}
