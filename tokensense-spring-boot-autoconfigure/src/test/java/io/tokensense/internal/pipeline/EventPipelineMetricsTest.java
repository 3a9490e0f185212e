package io.tokensense.internal.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.output.TokenSenseMeters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventPipelineMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void registersEveryDropReasonUpFrontAndReadsThePipelineCounts() {
		EventPipeline pipeline = new EventPipeline(List.of(new RecordingOutput("recording")),
				PipelineSettings.of(8, 4, Duration.ofMillis(20)),
				"metrics-test");
		new EventPipelineMetrics(() -> pipeline).bindTo(this.registry);

		assertThat(this.registry.get(TokenSenseMeters.EVENTS_DROPPED).functionCounters())
			.extracting((counter) -> counter.getId().getTag("reason"))
			.containsExactlyInAnyOrderElementsOf(DropReasons.ALL);
		assertThat(this.registry.get(TokenSenseMeters.QUEUE_CAPACITY).gauge().value()).isEqualTo(8);
		assertThat(this.registry.get(TokenSenseMeters.QUEUE_SIZE).gauge().value()).isZero();

		pipeline.close(Duration.ofSeconds(1));
		pipeline.offer(TestEvents.event(), null);
		pipeline.offer(TestEvents.event(), null);

		assertThat(this.registry.get(TokenSenseMeters.EVENTS_DROPPED).tag("reason", DropReasons.CLOSED)
			.functionCounter().count()).isEqualTo(2);
		assertThat(this.registry.get(TokenSenseMeters.EVENTS_DROPPED).tag("reason", DropReasons.QUEUE_FULL)
			.functionCounter().count()).isZero();
	}

	@Test
	void showsTheQueueFillingUpAndOverflowing() throws InterruptedException {
		RecordingOutput output = RecordingOutput.gated("held");
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(8, 1, Duration.ofMillis(20)),
				"metrics-test");
		new EventPipelineMetrics(() -> pipeline).bindTo(this.registry);
		pipeline.offer(TestEvents.event(), null);
		assertThat(output.firstWriteEntered.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 10; i++) {
			pipeline.offer(TestEvents.event(), null);
		}

		assertThat(this.registry.get(TokenSenseMeters.QUEUE_SIZE).gauge().value()).isEqualTo(8);
		assertThat(this.registry.get(TokenSenseMeters.EVENTS_DROPPED).tag("reason", DropReasons.QUEUE_FULL)
			.functionCounter().count()).isEqualTo(2);
		output.release();
		pipeline.close(Duration.ofSeconds(5));
		assertThat(this.registry.get(TokenSenseMeters.QUEUE_SIZE).gauge().value()).isZero();
	}

	@Test
	void keepsTheDroppedCountsReadableOnceTheClosedPipelineIsGone() {
		java.lang.ref.WeakReference<EventPipeline> gone = closedPipelineThatDroppedThree(this.registry);

		// a function counter holds its object weakly: once the pipeline is collected, only what it holds strongly counts
		await().atMost(30, TimeUnit.SECONDS).until(() -> {
			System.gc();
			return gone.get() == null;
		});
		assertThat(this.registry.get(TokenSenseMeters.EVENTS_DROPPED).tag("reason", DropReasons.CLOSED)
			.functionCounter().count()).isEqualTo(3);
	}

	/** Not read before the pipeline is gone: a registry publishing on close reads it then for the first time. */
	private static java.lang.ref.WeakReference<EventPipeline> closedPipelineThatDroppedThree(
			SimpleMeterRegistry registry) {
		EventPipeline pipeline = new EventPipeline(List.of(new RecordingOutput("recording")),
				PipelineSettings.of(8, 4, Duration.ofMillis(20)),
				"metrics-test");
		new EventPipelineMetrics(() -> pipeline).bindTo(registry);
		pipeline.close(Duration.ofSeconds(1));
		for (int i = 0; i < 3; i++) {
			pipeline.offer(TestEvents.event(), null);
		}
		return new java.lang.ref.WeakReference<>(pipeline);
	}

	@Test
	void bindsNothingWithoutAPipeline() {
		new EventPipelineMetrics(() -> null).bindTo(this.registry);

		assertThat(this.registry.getMeters()).isEmpty();
	}

}
