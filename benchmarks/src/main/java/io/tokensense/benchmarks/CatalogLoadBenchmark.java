package io.tokensense.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import io.tokensense.internal.pricing.PriceCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the bundled price catalog ({@code io/tokensense/pricing/model-prices.json}) from the
 * jar into a {@link PriceCatalog}: what the first priced call, or the context's start, pays once.
 * {@code SingleShotTime} with a fresh JVM per fork measures the cold first load; the warmed
 * {@code AverageTime} row is the steady cost of the same work (a refresh of a file that size).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
public class CatalogLoadBenchmark {

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@Warmup(iterations = 0)
	@Measurement(iterations = 1)
	public PriceCatalog coldLoad() throws IOException {
		return load();
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 3, time = 2)
	@Fork(1)
	public PriceCatalog warmLoad() throws IOException {
		return load();
	}

	private static PriceCatalog load() throws IOException {
		try (InputStream in = PriceCatalog.class.getResourceAsStream("/io/tokensense/pricing/model-prices.json")) {
			return PriceCatalog.load(in, "bundled");
		}
	}

}
