package io.tokensense.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Bytes allocated per operation by the benchmark's own threads (JMH's {@code jmh-worker-*}
 * threads, i.e. the callers) and by no other: {@code -prof gc}'s {@code gc.alloc.rate.norm}
 * sums every thread of the JVM, so it also bills the pipeline's worker, logback, OpenTelemetry's
 * exporters and JMH itself to the caller. Read with the JDK's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) before and after each
 * iteration, divided by the iteration's operations, as {@code -prof gc} does. The first
 * iteration also counts the trial's {@code @Setup}, which runs on the worker: use at least one
 * warmup iteration. Run with {@code -prof io.tokensense.benchmarks.CallerAllocationProfiler}.
 */
public final class CallerAllocationProfiler implements InternalProfiler {

	private static final String WORKER = "jmh-worker";

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Map<Long, Long> before = Map.of();

	@Override
	public String getDescription() {
		return "bytes allocated per operation by the benchmark (caller) threads only";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.before = allocatedByWorkers();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		Map<Long, Long> after = allocatedByWorkers();
		long bytes = 0;
		for (Map.Entry<Long, Long> entry : after.entrySet()) {
			bytes += entry.getValue() - this.before.getOrDefault(entry.getKey(), 0L);
		}
		long operations = result.getMetadata().getAllOps();
		double perOperation = (operations > 0) ? (double) bytes / operations : Double.NaN;
		return List.of(new ScalarResult("caller.alloc.norm", perOperation, "B/op", AggregationPolicy.AVG));
	}

	private Map<Long, Long> allocatedByWorkers() {
		Map<Long, Long> allocated = new HashMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().contains(WORKER)) {
				long bytes = this.threads.getThreadAllocatedBytes(thread.getId());
				if (bytes >= 0) {
					allocated.put(thread.getId(), bytes);
				}
			}
		}
		return allocated;
	}

}
