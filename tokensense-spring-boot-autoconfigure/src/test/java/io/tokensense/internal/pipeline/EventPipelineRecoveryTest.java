package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.EventsRejectedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events an output refuses for good, batches kept while nothing waits for their room,
 * callbacks for written events only, and a worker that outlives an {@link Error}.
 */
class EventPipelineRecoveryTest {

	private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(1), 2);

	@Test
	void countsTheEventsAnOutputRejectsAndWritesTheRestWithoutRetryingThem() {
		Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
		RejectingOutput rejecting = new RejectingOutput(poisoned);
		RecordingOutput healthy = new RecordingOutput("healthy");
		EventPipeline pipeline = new EventPipeline(List.of(rejecting, healthy),
				PipelineSettings.of(1_000, 10, Duration.ofMillis(10)),
				"test-pipeline", QUICK_RETRIES);
		List<UUID> called = new CopyOnWriteArrayList<>();
		List<UUID> good = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			CallEvent event = TestEvents.event();
			if (i % 17 == 5) {
				poisoned.add(event.id());
			}
			else {
				good.add(event.id());
			}
			pipeline.offer(event, (written) -> called.add(written.id()));
		}
		pipeline.close(Duration.ofSeconds(30));

		assertThat(poisoned).hasSize(6);
		assertThat(rejecting.written).containsExactlyElementsOf(good);
		assertThat(healthy.events()).hasSize(100);
		assertThat(rejecting.attempts.get()).as("no batch retried").isEqualTo(healthy.attempts.get());
		assertThat(pipeline.written()).isEqualTo(94);
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.REJECTED, 6L)
			.containsEntry(DropReasons.OUTPUT_FAILED, 0L);
		assertThat(called).containsExactlyElementsOf(good);
		assertThat(pipeline.outputStates()).allMatch(OutputState::up);
	}

	@Test
	void keepsAFullCapacityBatchThatFailedOnceWhileNothingWaitsForRoom() {
		RecordingOutput flaky = RecordingOutput.failingTimes("flaky", 1);
		EventPipeline pipeline = new EventPipeline(List.of(flaky), PipelineSettings.of(10, 10, Duration.ofSeconds(1)),
				"test-pipeline",
				new RetryPolicy(3, Duration.ofMillis(200), 2));
		for (int i = 0; i < 10; i++) {
			assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		// the retry comes 200ms after the failure, while the pipeline runs: nothing was refused meanwhile
		await().atMost(10, TimeUnit.SECONDS).until(() -> pipeline.written() == 10 || dropped(pipeline) > 0);
		pipeline.close(Duration.ofSeconds(10));

		assertThat(flaky.attempts).hasValue(2);
		assertThat(flaky.events()).hasSize(10);
		assertThat(pipeline.written()).isEqualTo(10);
		assertThat(dropped(pipeline)).isZero();
	}

	@Test
	void givesUpTheOldestHeldBatchOnceAnEventIsRefusedForWantOfRoom() {
		RecordingOutput failing = RecordingOutput.failingTimes("failing", Integer.MAX_VALUE);
		EventPipeline pipeline = new EventPipeline(List.of(failing), PipelineSettings.of(10, 10, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		for (int i = 0; i < 10; i++) {
			assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> failing.attempts.get() >= 3);
		assertThat(pipeline.queueSize()).isEqualTo(10);
		assertThat(pipeline.offer(TestEvents.event(), null)).isFalse();
		// the first events may have made smaller batches: the oldest of them gives way, enough for one more event
		await().atMost(10, TimeUnit.SECONDS).until(() -> pipeline.queueSize() < pipeline.capacity());
		assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		pipeline.close(Duration.ofSeconds(10));

		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.QUEUE_FULL, 1L)
			.containsEntry(DropReasons.OUTPUT_FAILED, 11L);
	}

	@Test
	void runsOnWrittenOnlyForEventsThatWereWritten() {
		RecordingOutput failing = RecordingOutput.failingTimes("failing", Integer.MAX_VALUE);
		RecordingOutput healthy = new RecordingOutput("healthy");
		EventPipeline pipeline = new EventPipeline(List.of(failing, healthy),
				PipelineSettings.of(100, 5, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		AtomicInteger called = new AtomicInteger();
		for (int i = 0; i < 5; i++) {
			pipeline.offer(TestEvents.event(), (event) -> called.incrementAndGet());
		}
		pipeline.close(Duration.ofSeconds(30));

		assertThat(healthy.events()).hasSize(5);
		assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.OUTPUT_FAILED, 5L);
		assertThat(called).as("callbacks of events given up").hasValue(0);
	}

	@Test
	void anOutputThrowingOutOfMemoryErrorIsDownAndRetriedWhileTheWorkerGoesOn() {
		ErrorOutput output = new ErrorOutput(2, () -> new OutOfMemoryError("simulated"));
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(100, 10, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		for (int i = 0; i < 10; i++) {
			pipeline.offer(TestEvents.event(), null);
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> pipeline.written() == 10);
		for (int i = 0; i < 10; i++) {
			assertThat(pipeline.offer(TestEvents.event(), null)).isTrue();
		}
		pipeline.close(Duration.ofSeconds(10));

		assertThat(pipeline.written()).isEqualTo(20);
		assertThat(output.written).hasValue(20);
		assertThat(pipeline.outputStates().get(0).lastErrorType()).isEqualTo(OutOfMemoryError.class.getName());
		assertThat(pipeline.workerState().up()).isTrue();
	}

	@Test
	void aFailureOfTheWorkerItselfShowsItDownWithTheReasonUntilItGoesOn() {
		// logging this exception fails inside the worker, outside the output's own write
		ErrorOutput output = new ErrorOutput(1, UnprintableException::new);
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(100, 10, Duration.ZERO),
				"test-pipeline",
				QUICK_RETRIES);
		for (int i = 0; i < 10; i++) {
			pipeline.offer(TestEvents.event(), null);
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> !pipeline.workerState().up());
		WorkerState down = pipeline.workerState();
		await().atMost(10, TimeUnit.SECONDS).until(() -> pipeline.written() == 10);
		pipeline.close(Duration.ofSeconds(10));

		assertThat(down.lastErrorType()).isEqualTo(OutOfMemoryError.class.getName());
		assertThat(down.lastErrorTime()).isNotNull();
		assertThat(pipeline.workerState().up()).isTrue();
		assertThat(pipeline.workerState().lastErrorType()).isEqualTo(OutOfMemoryError.class.getName());
		assertThat(dropped(pipeline)).isZero();
	}

	private static long dropped(EventPipeline pipeline) {
		return pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
	}

	/** Writes every event but the poisoned ones, which it reports as refused for good. */
	private static final class RejectingOutput implements CallEventOutput {

		final List<UUID> written = new CopyOnWriteArrayList<>();

		final AtomicInteger attempts = new AtomicInteger();

		private final Set<UUID> poisoned;

		RejectingOutput(Set<UUID> poisoned) {
			this.poisoned = poisoned;
		}

		@Override
		public void write(List<CallEvent> batch) throws EventsRejectedException {
			this.attempts.incrementAndGet();
			List<CallEvent> refused = new ArrayList<>();
			for (CallEvent event : batch) {
				if (this.poisoned.contains(event.id())) {
					refused.add(event);
				}
				else {
					this.written.add(event.id());
				}
			}
			if (!refused.isEmpty()) {
				throw new EventsRejectedException("refused by a constraint", refused);
			}
		}

	}

	/** Throws what it is given for its first writes, then counts what it writes. */
	private static final class ErrorOutput implements CallEventOutput {

		final AtomicInteger written = new AtomicInteger();

		private final AtomicInteger failuresLeft;

		private final java.util.function.Supplier<Throwable> failure;

		ErrorOutput(int failures, java.util.function.Supplier<Throwable> failure) {
			this.failuresLeft = new AtomicInteger(failures);
			this.failure = failure;
		}

		@Override
		public void write(List<CallEvent> batch) throws Exception {
			if (this.failuresLeft.getAndDecrement() > 0) {
				Throwable thrown = this.failure.get();
				if (thrown instanceof Error error) {
					throw error;
				}
				throw (Exception) thrown;
			}
			this.written.addAndGet(batch.size());
		}

	}

	/** An exception whose message cannot be read: whoever logs it gets an {@link OutOfMemoryError}. */
	private static final class UnprintableException extends Exception {

		@Override
		public String getMessage() {
			throw new OutOfMemoryError("simulated, while logging");
		}

	}

}
