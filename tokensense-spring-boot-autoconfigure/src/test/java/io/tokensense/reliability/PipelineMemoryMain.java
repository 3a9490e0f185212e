package io.tokensense.reliability;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;

/**
 * Run by {@link PipelineMemoryTest} in a JVM of its own with a small heap: several threads
 * offer fresh events to a pipeline with a counting output, then the pipeline is closed and
 * the totals printed on one line starting with {@value #RESULT}.
 */
final class PipelineMemoryMain {

	static final String RESULT = "RESULT";

	private PipelineMemoryMain() {
	}

	public static void main(String[] args) throws Exception {
		int producers = Integer.parseInt(args[0]);
		int perProducer = Integer.parseInt(args[1]);
		LongAdder received = new LongAdder();
		CallEventOutput counting = (batch) -> received.add(batch.size());
		EventPipeline pipeline = new EventPipeline(List.of(counting),
				PipelineSettings.of(10_000, 500, Duration.ofMillis(50)),
				"memory-pipeline");
		pipeline.start();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			Thread thread = new Thread(() -> produce(pipeline, perProducer), "producer-" + p);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		pipeline.close(Duration.ofSeconds(60));
		long dropped = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("%s written=%d received=%d dropped=%d total=%d maxHeapMb=%d%n", RESULT, pipeline.written(),
				received.sum(), dropped, pipeline.written() + dropped, runtime.maxMemory() / (1024 * 1024));
	}

	private static void produce(EventPipeline pipeline, int count) {
		for (int i = 0; i < count; i++) {
			if (!pipeline.offer(event(i), null)) {
				// a full queue is counted as dropped; let the worker catch up rather than spin
				Thread.yield();
			}
		}
	}

	private static CallEvent event(int i) {
		return new CallEvent(UUID.randomUUID(), Instant.now(), "openai", "chat", "gpt-4o-mini", "gpt-4o-mini", 100L + i,
				50L, 0L, 0L, 0L, 150L + i, new BigDecimal("0.000045"), PricingStatus.PRICED, Duration.ofMillis(120), null,
				false, CallStatus.SUCCESS, null, "user-" + (i % 100), null, List.of("memory"), "chatcmpl-" + i, null,
				null, null);
	}

}
