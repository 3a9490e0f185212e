package io.tokensense.autoconfigure;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.TokenSenseMeters;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events a shutdown gives up stay counted on {@value TokenSenseMeters#EVENTS_DROPPED}
 * after the context has closed and its pipeline is gone, so that a registry publishing once
 * more on close (OTLP and the other push registries) reports them.
 */
class DroppedEventsMeterAfterCloseTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				TokenSenseMetricsAutoConfiguration.class, TokenSenseAutoConfiguration.class))
		.withBean(MeterRegistry.class, () -> this.registry)
		.withBean("downOutput", CallEventOutput.class, () -> (batch) -> {
			throw new IOException("down");
		})
		.withPropertyValues("tokensense.outputs=micrometer", "tokensense.queue.flush-interval=10ms");

	@Test
	void theDropsOfTheShutdownStayCountedOnceTheContextIsClosedAndThePipelineCollected() {
		AtomicReference<WeakReference<EventPipeline>> pipeline = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			EventPipeline running = context.getBean(EventPipeline.class);
			pipeline.set(new WeakReference<>(running));
			for (int i = 0; i < 7; i++) {
				assertThat(running.offer(event(), null)).isTrue();
			}
		});

		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			return pipeline.get().get() == null;
		});
		assertThat(this.registry.get(TokenSenseMeters.EVENTS_DROPPED)
			.tag(TokenSenseMeters.REASON, DropReasons.OUTPUT_FAILED)
			.functionCounter()
			.count()).isEqualTo(7);
	}

	private static CallEvent event() {
		return new CallEvent(UUID.randomUUID(), Instant.now(), "openai", "chat", "gpt-4o-mini", null, null, null,
				null, null, null, null, null, PricingStatus.NO_USAGE, Duration.ofMillis(5), null, false,
				CallStatus.SUCCESS, null, null, null, List.of(), null, null, null, null);
	}

}
