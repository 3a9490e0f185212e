package io.tokensense.benchmarks;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
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

	/**
	 * JMH takes a machine-wide lock file so that two measurements never share the CPU; these
	 * runs only check that the benchmarks work, so a measurement running elsewhere must not fail them.
	 */
	@BeforeAll
	static void ignoreOtherMeasurements() {
		System.setProperty("jmh.ignoreLock", "true");
	}

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

		assertThat(results).hasSize(4);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

	@Test
	void springBeanRouteBenchmarksRunWithAndWithoutAUserListener() throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder()
			.include(SpringBeanRouteBenchmark.class.getName() + "\\.")
			.addProfiler(CallerAllocationProfiler.class)
			.forks(0)
			.warmupIterations(1)
			.warmupTime(TimeValue.milliseconds(100))
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.timeout(TimeValue.seconds(60))
			.shouldFailOnError(true)
			.verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
			.build()).run();

		assertThat(results).extracting((result) -> result.getParams().getParam("userListener"))
			.containsExactlyInAnyOrder("absent", "present");
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.getPrimaryResult().getScore()).isPositive();
			assertThat(result.getSecondaryResults()).containsKey("caller.alloc.norm");
			assertThat(result.getSecondaryResults().get("caller.alloc.norm").getScore()).isPositive();
		});
	}

	@Test
	void scopeAnnotationBenchmarksRun() throws RunnerException {
		Collection<RunResult> results = smokeRun(ScopeAnnotationBenchmark.class);

		assertThat(results).hasSize(6);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

	@Test
	void budgetCheckBenchmarksRun() throws RunnerException {
		Collection<RunResult> results = smokeRun(BudgetCheckBenchmark.class);
		// four benchmarks, two caller counts each
		assertThat(results).hasSize(8);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

	@Test
	void pipelineThroughputBenchmarksRun() throws RunnerException {
		// JDBC on H2 only: SQLite and PostgreSQL go through the same output, and PostgreSQL needs a server
		String[] outputs = { PipelineOutputs.NOOP, PipelineOutputs.LOG_DISCARD, PipelineOutputs.LOG_FILE,
				PipelineOutputs.MICROMETER, PipelineOutputs.JDBC_H2 };
		Collection<RunResult> results = smokeRun(PipelineThroughputBenchmark.class, outputs);

		assertThat(results).hasSize(3 * outputs.length);
		assertThat(results).extracting((result) -> result.getParams().getParam("output"))
			.containsOnly(outputs);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
		assertThat(results).filteredOn((result) -> result.getParams().getBenchmark().endsWith("fireAndForget"))
			.allSatisfy((result) -> assertThat(result.getSecondaryResults()).containsKeys("accepted", "dropped"));
	}

	private static Collection<RunResult> smokeRun(Class<?> benchmark, String... outputs) throws RunnerException {
		OptionsBuilder options = new OptionsBuilder();
		if (outputs.length > 0) {
			options.param("output", outputs);
		}
		return new Runner(options.include(benchmark.getName() + "\\.")
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
