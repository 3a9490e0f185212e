package io.tokensense.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An output that needs seconds per batch must not slow the calls down. The output's first
 * batch cannot finish before every call has returned: were a call waiting for the output,
 * the two would wait for each other until the latch gives up, and the test would fail.
 */
class SlowOutputTest {

	private static final int CALLS = 300;

	private static final Duration PER_BATCH = Duration.ofSeconds(2);

	@Test
	void callsReturnWhileTheSlowOutputIsStillOnItsFirstBatchAndEveryEventIsWritten() throws Exception {
		SlowOutput slow = new SlowOutput();
		EventPipeline pipeline = new EventPipeline(List.of(slow),
				PipelineSettings.of(1_000, 1_000, Duration.ofMillis(100)),
				"reliability-slow");
		callMany(PipelineRoutes.observed(client(), pipeline));
		slow.callsDone.countDown();

		assertThat(slow.waitedForCalls.await(90, TimeUnit.SECONDS)).as("the first batch has waited for the calls").isTrue();
		assertThat(slow.callsReturnedInTime).as("every call returned before the first batch was written").isTrue();
		Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> slow.events() == CALLS);
		pipeline.close(Duration.ofSeconds(30));
		assertThat(pipeline.written()).isEqualTo(CALLS);
		assertThat(pipeline.droppedByReason().values()).allMatch((count) -> count == 0);
		assertThat(slow.distinctIds()).isEqualTo(CALLS);
	}

	@Test
	void callsReturnWhileTheSlowOutputIsBusyAndWhatASmallQueueCannotHoldIsCountedExactly() throws Exception {
		SlowOutput slow = new SlowOutput();
		EventPipeline pipeline = new EventPipeline(List.of(slow), PipelineSettings.of(20, 20, Duration.ofMillis(100)),
				"reliability-slow-small");
		callMany(PipelineRoutes.observed(client(), pipeline));
		slow.callsDone.countDown();

		assertThat(slow.waitedForCalls.await(90, TimeUnit.SECONDS)).as("the first batch has waited for the calls").isTrue();
		assertThat(slow.callsReturnedInTime).as("every call returned before the first batch was written").isTrue();
		pipeline.close(Duration.ofSeconds(60));
		long dropped = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
		assertThat(pipeline.droppedByReason().get(DropReasons.QUEUE_FULL)).isPositive().isEqualTo(dropped);
		assertThat(pipeline.written()).isEqualTo(slow.events());
		assertThat(pipeline.written() + dropped).isEqualTo(CALLS);
	}

	private static OpenAIClient client() {
		return new InMemoryOpenAi(Reply.json(ProviderPayloads.openAiChat("chatcmpl-s", "gpt-4o-mini", 10, 0, 5, 0)))
			.client();
	}

	private static void callMany(OpenAIClient client) {
		ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
		for (int i = 0; i < CALLS; i++) {
			assertThat(client.chat().completions().create(params).id()).isEqualTo("chatcmpl-s");
		}
	}

	/** Two seconds per batch; the first batch also waits until the calls are done. */
	private static final class SlowOutput extends CountingOutput {

		final CountDownLatch callsDone = new CountDownLatch(1);

		final CountDownLatch waitedForCalls = new CountDownLatch(1);

		volatile boolean callsReturnedInTime;

		SlowOutput() {
			super("slow");
		}

		@Override
		void beforeBatch(List<CallEvent> batch) throws InterruptedException {
			if (this.waitedForCalls.getCount() > 0) {
				this.callsReturnedInTime = this.callsDone.await(60, TimeUnit.SECONDS);
				this.waitedForCalls.countDown();
			}
			Thread.sleep(PER_BATCH.toMillis());
		}

	}

}
