package io.tokensense.benchmarks;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark once, briefly and in this JVM, so that a broken benchmark fails the
 * build. The numbers mean nothing; the real runs are described in the README.
 */
class BenchmarkSmokeTest {

	@Test
	void callerOverheadBenchmarksRun() throws RunnerException {
		Collection<RunResult> results = smokeRun(CallerOverheadBenchmark.class);

		assertThat(results).extracting((result) -> result.getParams().getBenchmark())
			.map((name) -> name.substring(name.lastIndexOf('.') + 1))
			.containsExactlyInAnyOrder("sdkDirect", "sdkTokenSense", "sdkOpenTelemetry", "bareDirect",
					"bareTokenSense", "bareOpenTelemetry");
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

	@Test
	void callerCostPartsBenchmarksRun() throws RunnerException {
		Collection<RunResult> results = smokeRun(CallerCostPartsBenchmark.class);

		assertThat(results).hasSize(3);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

	@Test
	void pipelineThroughputBenchmarksRun() throws RunnerException {
		Collection<RunResult> results = smokeRun(PipelineThroughputBenchmark.class);

		assertThat(results).hasSize(6);
		assertThat(results).extracting((result) -> result.getParams().getParam("output"))
			.containsOnly(PipelineOutputs.NOOP, PipelineOutputs.LOG_DISCARD, PipelineOutputs.LOG_FILE);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
		assertThat(results).filteredOn((result) -> result.getParams().getBenchmark().endsWith("fireAndForget"))
			.allSatisfy((result) -> assertThat(result.getSecondaryResults()).containsKeys("accepted", "dropped"));
	}

	private static Collection<RunResult> smokeRun(Class<?> benchmark) throws RunnerException {
		return new Runner(new OptionsBuilder().include(benchmark.getName() + "\\.")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.timeout(TimeValue.seconds(60))
			.shouldFailOnError(true)
			.verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
			.build()).run();
	}

}
