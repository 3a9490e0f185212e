package io.tokensense;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.openai.client.OpenAIClient;
import io.tokensense.output.CallEventOutput;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads of {@link TokenSense#observe} outside Spring: each output given to {@code observe}
 * has one pipeline worker, started by its first event and ended once no observed client uses
 * the output any more; runs in the {@code plain-java} JVM with {@link TokenSensePlainJavaTest}.
 */
class TokenSensePlainJavaThreadsTest {

	private static final String WORKER_NAME = "tokensense-" + CountingOutput.class.getSimpleName();

	@Test
	void endsTheWorkerOfAnOutputNoClientUsesAnyMore() {
		AtomicInteger written = new AtomicInteger();
		observeAndCallWithNewOutputs(200, written);

		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return workers() == 0;
		});
		// every pipeline wrote what it held before its worker ended
		assertThat(written).hasValue(200);
	}

	@Test
	void sharesOneWorkerBetweenClientsObservedWithTheSameOutput() {
		AtomicInteger written = new AtomicInteger();
		CountingOutput output = new CountingOutput(written);
		List<OpenAIClient> clients = java.util.stream.IntStream.range(0, 20)
			.mapToObj((i) -> TokenSense.observe(openAi(), ObserveOptions.builder().output(output).build()))
			.toList();
		clients.forEach((client) -> client.chat().completions().create(Requests.openAiChat("gpt-4o-mini")));

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> written.get() == 20);
		assertThat(workers()).isEqualTo(1);
	}

	@Test
	void leavesAReleasedOutputOpenForTheNextClientObservedWithIt() {
		AtomicInteger written = new AtomicInteger();
		CountingOutput output = new CountingOutput(written);
		observeAndCallOnce(output);
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return workers() == 0;
		});
		assertThat(output.closed()).isFalse();

		observeAndCallOnce(output);

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> written.get() == 2);
		assertThat(output.closed()).isFalse();
	}

	private static void observeAndCallOnce(CallEventOutput output) {
		TokenSense.observe(openAi(), ObserveOptions.builder().output(output).build())
			.chat()
			.completions()
			.create(Requests.openAiChat("gpt-4o-mini"));
	}

	/** In a method of its own, so that no client stays reachable from the test's frame. */
	private static void observeAndCallWithNewOutputs(int count, AtomicInteger written) {
		for (int i = 0; i < count; i++) {
			OpenAIClient client = TokenSense.observe(openAi(),
					ObserveOptions.builder().output(new CountingOutput(written)).build());
			client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		}
	}

	private static OpenAIClient openAi() {
		return new InMemoryOpenAi(Reply.json(ProviderPayloads.openAiChat("chatcmpl-t", "gpt-4o-mini", 10, 0, 5, 0)))
			.client();
	}

	private static long workers() {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> thread.getName().equals(WORKER_NAME))
			.filter(Thread::isAlive)
			.count();
	}

	/** Counts what it writes, and whether it was closed. */
	private static final class CountingOutput implements CallEventOutput {

		private final AtomicInteger written;

		private volatile boolean closed;

		CountingOutput(AtomicInteger written) {
			this.written = written;
		}

		@Override
		public void write(List<CallEvent> batch) {
			this.written.addAndGet(batch.size());
		}

		@Override
		public void close() {
			this.closed = true;
		}

		boolean closed() {
			return this.closed;
		}

	}

}
