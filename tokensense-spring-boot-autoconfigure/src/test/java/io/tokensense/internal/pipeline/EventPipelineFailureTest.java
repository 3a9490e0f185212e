package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Outputs that fail, retries, callbacks and argument checks.
 */
class EventPipelineFailureTest {

	private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(1), 2);

	@Test
	void aThrowingOutputDoesNotStopTheOthers() {
		CallEventOutput broken = new CallEventOutput() {

			private int calls;

			@Override
			public void write(List<CallEvent> batch) {
				// alternate an exception and an Error: neither may reach the worker
				if (this.calls++ % 2 == 0) {
					throw new IllegalStateException("database is down");
				}
				throw new NoClassDefFoundError("com/example/Missing");
			}

			@Override
			public String name() {
				return "broken";
			}

		};
		RecordingOutput healthy = new RecordingOutput("healthy");
		EventPipeline pipeline = new EventPipeline(List.of(broken, healthy),
				PipelineSettings.of(1_000, 7, Duration.ofMillis(10)),
				"test-pipeline", QUICK_RETRIES);
		List<CallEvent> events = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			CallEvent event = TestEvents.event();
			events.add(event);
			assertThat(pipeline.offer(event, null)).isTrue();
		}
		pipeline.close(Duration.ofSeconds(60));
		assertThat(healthy.events()).containsExactlyElementsOf(events);
		assertThat(pipeline.written()).isZero();
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 100L);
		OutputState state = pipeline.outputStates().get(0);
		assertThat(state.name()).isEqualTo("broken");
		assertThat(state.up()).isFalse();
		assertThat(state.lastErrorType()).isIn(IllegalStateException.class.getName(),
				NoClassDefFoundError.class.getName());
		assertThat(state.lastErrorTime()).isNotNull();
		assertThat(pipeline.outputStates().get(1).up()).isTrue();
	}

	@Test
	void aRetryThatSucceedsDeliversOnceToEveryOutput() {
		RecordingOutput flaky = RecordingOutput.failingTimes("flaky", 1);
		RecordingOutput healthy = new RecordingOutput("healthy");
		EventPipeline pipeline = new EventPipeline(List.of(flaky, healthy),
				PipelineSettings.of(100, 10, Duration.ofMillis(10)),
				"test-pipeline", QUICK_RETRIES);
		for (int i = 0; i < 10; i++) {
			pipeline.offer(TestEvents.event(), null);
		}
		pipeline.close(Duration.ofSeconds(60));
		assertThat(flaky.events()).hasSize(10).doesNotHaveDuplicates();
		assertThat(healthy.events()).hasSize(10).doesNotHaveDuplicates();
		assertThat(flaky.attempts).hasValue(healthy.attempts.get() + 1);
		assertThat(pipeline.written()).isEqualTo(10);
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 0L);
		OutputState state = pipeline.outputStates().get(0);
		assertThat(state.up()).isTrue();
		assertThat(state.lastErrorType()).isEqualTo("java.io.IOException");
	}

	@Test
	void keepsRetryingWhileRunningAndWritesOnceTheOutputRecovers() {
		RecordingOutput failing = RecordingOutput.failingTimes("failing", 5);
		EventPipeline pipeline = new EventPipeline(List.of(failing), PipelineSettings.of(100, 100, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		pipeline.offer(TestEvents.event(), null);
		// more failures than the policy's attempts: while running, the output does not give up
		await().atMost(30, TimeUnit.SECONDS).until(() -> failing.events().size() == 1);
		pipeline.offer(TestEvents.event(), null);
		pipeline.close(Duration.ofSeconds(30));
		assertThat(failing.attempts).hasValue(7);
		assertThat(failing.events()).hasSize(2).doesNotHaveDuplicates();
		assertThat(pipeline.written()).isEqualTo(2);
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 0L);
	}

	@Test
	void holdsTheBatchesOfAFailingOutputAsWaitingEvents() {
		RecordingOutput failing = RecordingOutput.failingTimes("failing", Integer.MAX_VALUE);
		RecordingOutput healthy = new RecordingOutput("healthy");
		EventPipeline pipeline = new EventPipeline(List.of(failing, healthy),
				PipelineSettings.of(100, 10, Duration.ZERO),
				"test-pipeline", QUICK_RETRIES);
		for (int i = 0; i < 30; i++) {
			assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		await().atMost(30, TimeUnit.SECONDS).until(() -> healthy.events().size() == 30);
		assertThat(pipeline.queueSize()).isEqualTo(30);
		assertThat(pipeline.droppedByReason().values()).allMatch((count) -> count == 0);
		pipeline.close(Duration.ofSeconds(30));
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 30L);
		assertThat(pipeline.written()).isZero();
		assertThat(pipeline.queueSize()).isZero();
	}

	@Test
	void countsAnEventGivenUpByTwoFailingOutputsOnce() {
		RecordingOutput first = RecordingOutput.failingTimes("first", Integer.MAX_VALUE);
		RecordingOutput second = RecordingOutput.failingTimes("second", Integer.MAX_VALUE);
		EventPipeline pipeline = new EventPipeline(List.of(first, second), PipelineSettings.of(100, 10, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		for (int i = 0; i < 25; i++) {
			pipeline.offer(TestEvents.event(), null);
		}
		await().atMost(30, TimeUnit.SECONDS).until(() -> first.attempts.get() >= 3 && second.attempts.get() >= 3);
		pipeline.close(Duration.ofSeconds(30));
		long dropped = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
		assertThat(pipeline.written() + dropped).isEqualTo(25);
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 25L);
	}

	@Test
	void aFailingOutputGivesUpItsOldestBatchWhenTheQueueIsFullSoTheOthersKeepReceivingEvents() throws Exception {
		RecordingOutput failing = RecordingOutput.failingTimes("failing", Integer.MAX_VALUE);
		RecordingOutput healthy = new RecordingOutput("healthy");
		EventPipeline pipeline = new EventPipeline(List.of(failing, healthy), PipelineSettings.of(20, 5, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		int accepted = 0;
		for (int i = 0; i < 200; i++) {
			boolean taken = pipeline.offer(TestEvents.event(), null);
			accepted += taken ? 1 : 0;
			if (!taken) {
				// a refused event makes the failing output give up its oldest batch: without that, every later offer
				// would be refused too (the room it frees may go to the events queued meanwhile, so just go on)
				Thread.sleep(10);
			}
		}
		int queued = accepted;
		await().atMost(30, TimeUnit.SECONDS).until(() -> healthy.events().size() == queued);
		pipeline.close(Duration.ofSeconds(30));
		assertThat(queued).isGreaterThan(100);
		assertThat(healthy.events()).hasSize(queued).doesNotHaveDuplicates();
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, (long) queued)
			.containsEntry(DropReasons.QUEUE_FULL, 200L - queued);
		assertThat(pipeline.written()).isZero();
	}

	@Test
	void callsOnWrittenAfterTheOutputsWroteTheEvent() {
		RecordingOutput output = new RecordingOutput("recording");
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(100, 3, Duration.ofMillis(10)),
				"test-pipeline");
		List<UUID> seenWritten = new CopyOnWriteArrayList<>();
		List<CallEvent> events = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			CallEvent event = TestEvents.event();
			events.add(event);
			pipeline.offer(event, (written) -> {
				if (output.ids.contains(written.id())) {
					seenWritten.add(written.id());
				}
				// a failing callback must not cost the others theirs
				throw new IllegalStateException("callback failed");
			});
		}
		pipeline.close(Duration.ofSeconds(30));
		assertThat(seenWritten).containsExactlyElementsOf(events.stream().map(CallEvent::id).toList());
	}

	@Test
	void rejectsInvalidArguments() {
		List<CallEventOutput> outputs = List.of(new RecordingOutput("recording"));
		PipelineSettings settings = PipelineSettings.of(10, 5, Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(() -> new EventPipeline(List.of(), settings, "t"))
			.withMessage("At least one output is required");
		assertThatIllegalArgumentException().isThrownBy(() -> PipelineSettings.of(0, 5, Duration.ofSeconds(1)))
			.withMessage("tokensense.queue.capacity must be greater than 0 (it bounds the events waiting to be "
					+ "written), was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> PipelineSettings.of(10, 0, Duration.ofSeconds(1)))
			.withMessage("tokensense.queue.batch-size must be greater than 0, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> PipelineSettings.of(10, 11, Duration.ofSeconds(1)))
			.withMessage("tokensense.queue.batch-size must not exceed tokensense.queue.capacity (10), was 11");
		assertThatIllegalArgumentException().isThrownBy(() -> PipelineSettings.of(10, 5, Duration.ofSeconds(-1)))
			.withMessageStartingWith("tokensense.queue.flush-interval must be set and not negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new EventPipeline(outputs, settings, " "))
			.withMessage("Thread name must not be empty");
	}

}
