package io.tokensense.internal.capture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.ObserveOptions;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller interrupted while the SDK waits to retry gets the SDK's own exception, not a
 * proxy's {@code UndeclaredThrowableException}, and the interrupt flag as the SDK left it.
 */
class OpenAiInterruptedCaptureTest {

	private final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"));

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void anInterruptedCallerGetsTheSdksOwnException() throws Exception {
		Outcome direct = interruptedDuringBackOff(client());
		Outcome observed = interruptedDuringBackOff(
				ClientProxies.observe(client(), ObserveOptions.defaults(), this.sink.route()));

		assertThat(direct.thrown()).isNotNull();
		assertThat(observed.thrown()).isNotNull().hasSameClassAs(direct.thrown());
		assertThat(observed.interrupted()).isEqualTo(direct.interrupted());
		assertThat(this.sink.single().errorType()).isEqualTo(direct.thrown().getClass().getSimpleName());
	}

	private Outcome interruptedDuringBackOff(OpenAIClient client) throws Exception {
		int before = this.server.requests().size();
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
			interrupted.set(Thread.currentThread().isInterrupted());
		});
		caller.start();
		// the first 429 has arrived: the SDK now waits at least 375 ms before retrying
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.server.requests().size() > before);
		Thread.sleep(100);
		caller.interrupt();
		caller.join(TimeUnit.SECONDS.toMillis(10));
		return new Outcome(thrown.get(), interrupted.get());
	}

	private OpenAIClient client() {
		return OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("k").maxRetries(3).build();
	}

	private record Outcome(Throwable thrown, boolean interrupted) {
	}

}
