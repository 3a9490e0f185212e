package io.tokensense.internal.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule a failing output is retried on by a running pipeline with the default
 * policy, timed on the worker: 100 ms, 400 ms, 1.6 s, then 2 s between attempts, as the
 * README says. Each pause is a lower bound (an attempt is never early); the upper bounds are
 * loose, for a loaded machine, but tight enough to tell the 2 s cap from the uncapped 6.4 s.
 */
class RetryScheduleTest {

	private static final long SLACK_MILLIS = 1_000;

	@Test
	void aFailingOutputIsRetriedAfter100And400And1600MillisecondsThenEveryTwoSeconds() {
		TimedFailures output = new TimedFailures(6);
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(100, 10, Duration.ZERO),
				"retry-schedule");
		try {
			pipeline.offer(TestEvents.event(), null);
			await().atMost(30, TimeUnit.SECONDS).until(() -> output.attemptNanos.size() == 6);
		}
		finally {
			pipeline.close(Duration.ZERO);
		}
		List<Long> nanos = List.copyOf(output.attemptNanos);
		long[] expected = { 100, 400, 1_600, 2_000, 2_000 };
		for (int i = 0; i < expected.length; i++) {
			long pauseMillis = TimeUnit.NANOSECONDS.toMillis(nanos.get(i + 1) - nanos.get(i));
			assertThat(pauseMillis).as("pause after failed attempt %d", i + 1)
				.isBetween(expected[i], expected[i] + SLACK_MILLIS);
		}
	}

	/** Fails every write, remembering when each attempt started. */
	private static final class TimedFailures implements CallEventOutput {

		private final List<Long> attemptNanos = new CopyOnWriteArrayList<>();

		private final int recorded;

		TimedFailures(int recorded) {
			this.recorded = recorded;
		}

		@Override
		public void write(List<CallEvent> batch) throws IOException {
			if (this.attemptNanos.size() < this.recorded) {
				this.attemptNanos.add(System.nanoTime());
			}
			throw new IOException("down");
		}

	}

}
