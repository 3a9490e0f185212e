package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tokensense.CallEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the worker forms batches and how a full queue refuses events.
 */
class EventPipelineBatchingTest {

	private EventPipeline pipeline;

	@AfterEach
	void closePipeline() {
		if (this.pipeline != null) {
			this.pipeline.close(Duration.ofSeconds(30));
		}
	}

	@Test
	void handsOutBatchesNoLargerThanBatchSize() throws Exception {
		RecordingOutput output = RecordingOutput.gated("gated");
		this.pipeline = new EventPipeline(List.of(output), PipelineSettings.of(1000, 64, Duration.ofMillis(100)),
				"test-pipeline");
		this.pipeline.offer(TestEvents.event(), null);
		assertThat(output.firstWriteEntered.await(30, TimeUnit.SECONDS)).isTrue();
		// the worker is held in its first write, so these pile up and leave in full batches
		for (int i = 0; i < 640; i++) {
			assertThat(this.pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		output.release();
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.pipeline.written() == 641);
		assertThat(output.batches).allSatisfy((batch) -> assertThat(batch).hasSizeBetween(1, 64));
		assertThat(output.batches.subList(1, output.batches.size())).allSatisfy((batch) -> assertThat(batch).hasSize(64));
		assertThat(output.events()).hasSize(641);
	}

	@Test
	void flushesAPartialBatchAfterTheFlushInterval() {
		RecordingOutput output = new RecordingOutput("recording");
		this.pipeline = new EventPipeline(List.of(output), PipelineSettings.of(100, 50, Duration.ofMillis(200)),
				"test-pipeline");
		List<CallEvent> events = List.of(TestEvents.event(), TestEvents.event(), TestEvents.event());
		events.forEach((event) -> this.pipeline.offer(event, null));
		await().atMost(30, TimeUnit.SECONDS).until(() -> output.events().size() == 3);
		assertThat(output.events()).containsExactlyElementsOf(events);
		assertThat(this.pipeline.written()).isEqualTo(3);
	}

	@Test
	void refusesEventsAtOnceWhenTheQueueIsFull() throws Exception {
		RecordingOutput output = RecordingOutput.gated("gated");
		this.pipeline = new EventPipeline(List.of(output), PipelineSettings.of(5, 1, Duration.ZERO), "test-pipeline");
		this.pipeline.offer(TestEvents.event(), null);
		assertThat(output.firstWriteEntered.await(30, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			assertThat(this.pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		assertThat(this.pipeline.queueSize()).isEqualTo(5);
		long start = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			assertThat(this.pipeline.offer(TestEvents.event(), null)).isFalse();
		}
		// generous: only a blocking offer (waiting on the 30s gate) would take this long
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.pipeline.droppedByReason()).containsEntry(DropReasons.QUEUE_FULL, 3L);
		output.release();
		this.pipeline.close(Duration.ofSeconds(30));
		assertThat(this.pipeline.written()).isEqualTo(6);
		assertThat(output.events()).hasSize(6);
	}

	@Test
	void reportsEveryDropReasonFromTheStart() {
		this.pipeline = new EventPipeline(List.of(new RecordingOutput("recording")),
				PipelineSettings.of(10, 5, Duration.ofMillis(10)),
				"test-pipeline");
		assertThat(this.pipeline.droppedByReason()).containsOnlyKeys(DropReasons.ALL)
			.allSatisfy((reason, count) -> assertThat(count).isZero());
		assertThat(this.pipeline.capacity()).isEqualTo(10);
		assertThat(this.pipeline.queueSize()).isZero();
		assertThat(this.pipeline.outputStates()).containsExactly(new OutputState("recording", true, null, null));
	}

}
