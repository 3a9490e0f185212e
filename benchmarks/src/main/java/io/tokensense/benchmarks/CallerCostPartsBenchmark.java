package io.tokensense.benchmarks;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tokensense.internal.recording.BenchmarkAccess;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;
import io.tokensense.internal.pricing.Pricing;
import io.tokensense.internal.pricing.TokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two biggest parts of {@code bareTokenSense} that a profile points at, measured alone:
 * pricing the benchmark's response (model name resolution plus cost arithmetic, as
 * {@code CallEventFactory} does for every call) and generating the event id with the
 * product's own generator ({@code capture.EventIds}: a version 7 UUID from the call's start
 * and {@code ThreadLocalRandom}). {@code randomUuid} is {@link UUID#randomUUID()}, which the
 * product does not use, kept to show what it would cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CallerCostPartsBenchmark {

	private final CostCalculator costs = new CostCalculator(PriceCatalog.bundled());

	private final TokenUsage usage = new TokenUsage(12, 9, 0, 0, 0, 0);

	@Benchmark
	public Pricing price() {
		return this.costs.price("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", this.usage);
	}

	@Benchmark
	public Pricing priceModelNameOnly() {
		return this.costs.price("openai", "gpt-4o-mini", null, this.usage);
	}

	private final Instant start = Instant.now();

	@Benchmark
	public UUID eventId() {
		return BenchmarkAccess.eventId(this.start);
	}

	@Benchmark
	public UUID randomUuid() {
		return UUID.randomUUID();
	}

}
