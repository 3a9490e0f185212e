package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tokensense.CallEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What closing a pipeline writes, drops and counts.
 */
class EventPipelineCloseTest {

	@Test
	void closeWritesEverythingQueued() throws Exception {
		RecordingOutput output = new RecordingOutput("recording");
		EventPipeline pipeline = new EventPipeline(List.of(output),
				PipelineSettings.of(10_000, 100, Duration.ofSeconds(1)),
				"test-pipeline");
		for (int i = 0; i < 5_000; i++) {
			assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		pipeline.close(Duration.ofSeconds(60));
		assertThat(output.events()).hasSize(5_000).doesNotHaveDuplicates();
		assertThat(pipeline.written()).isEqualTo(5_000);
		assertThat(pipeline.droppedByReason()).allSatisfy((reason, count) -> assertThat(count).isZero());
		assertThat(pipeline.queueSize()).isZero();
		assertThat(output.closed.await(0, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void closeCountsWhatTheTimeoutLeavesBehind() throws Exception {
		RecordingOutput output = RecordingOutput.gated("gated");
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(1_000, 10, Duration.ZERO),
				"test-pipeline");
		pipeline.offer(TestEvents.event(), null);
		assertThat(output.firstWriteEntered.await(30, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 499; i++) {
			assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		pipeline.close(Duration.ofMillis(200));
		// the worker is stuck in its first write of one event: everything queued is left over
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.SHUTDOWN_TIMEOUT, 499L);
		assertThat(pipeline.queueSize()).isZero();
		assertThat(pipeline.offer(TestEvents.event(), null)).isFalse();
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.CLOSED, 1L);
		output.release();
		await().atMost(30, TimeUnit.SECONDS).until(() -> pipeline.written() == 1);
		long dropped = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
		assertThat(pipeline.written() + dropped).isEqualTo(501);
		// once the stuck write returns, the worker closes the outputs itself
		assertThat(output.closed.await(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void closeWithoutAnyEventClosesTheOutputs() throws Exception {
		RecordingOutput output = new RecordingOutput("recording");
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(10, 5, Duration.ofSeconds(1)),
				"test-pipeline");
		pipeline.close();
		assertThat(output.closed.await(0, TimeUnit.SECONDS)).isTrue();
		assertThat(pipeline.offer(TestEvents.event(), null)).isFalse();
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.CLOSED, 1L);
		pipeline.close();
	}

	@Test
	void closeTakesEventsOfferedFromManyThreadsIntoAccount() throws Exception {
		RecordingOutput output = new RecordingOutput("recording");
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(100, 10, Duration.ofMillis(5)),
				"test-pipeline");
		int perThread = 2_000;
		List<Thread> threads = new ArrayList<>();
		// close while every thread is offering: each has made a tenth of its offers by then
		CountDownLatch offering = new CountDownLatch(4);
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < perThread; i++) {
					CallEvent event = TestEvents.event();
					pipeline.offer(event, null);
					if (i == perThread / 10) {
						offering.countDown();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		assertThat(offering.await(30, TimeUnit.SECONDS)).isTrue();
		pipeline.close(Duration.ofSeconds(30));
		for (Thread thread : threads) {
			thread.join();
		}
		long dropped = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
		assertThat(pipeline.written()).isPositive();
		assertThat(pipeline.written() + dropped).isEqualTo(4L * perThread);
		assertThat(output.events()).hasSize((int) pipeline.written());
	}

}
