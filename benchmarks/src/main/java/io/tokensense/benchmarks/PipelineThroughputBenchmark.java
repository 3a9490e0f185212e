package io.tokensense.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.tokensense.CallEvent;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Events per second from four producer threads through one {@link EventPipeline} (the
 * defaults of {@code tokensense.queue.*}: capacity 10,000, batches of 500, 1 s flush) into
 * an output.
 *
 * <ul>
 * <li>{@link #sustained}: each producer waits while the queue is nearly full, so nothing is
 * dropped and the score is what the output writes per second, give or take the
 * 10,000 events a queue holds.</li>
 * <li>{@link #fireAndForget}: producers offer as the proxy does, never waiting; the
 * secondary results {@code accepted} and {@code dropped} split the offers into queued and
 * dropped events per second.</li>
 * <li>{@link #paced}: events arrive at a fixed total rate ({@code arrivalRate} per second,
 * each producer offering its share in a burst every millisecond and parking in between),
 * whatever the output does; offers beyond the queue are dropped. The score is the arrival
 * rate achieved; what the output wrote per second is printed per iteration. Comparing two
 * outputs at the same arrival rate compares them under the same load, which the other two
 * modes do not guarantee (how fast producers are let in depends on the output).</li>
 * </ul>
 *
 * Outputs that keep one row per event id (JDBC) are offered a new event with an id of its own
 * each time, built on the producer's thread; the others get the same event every time.
 *
 * <p>Every iteration also prints what the outputs wrote per second of wall time, counted by
 * the pipeline after the write, and the trial prints the pipeline's drop counters.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(4)
@State(Scope.Benchmark)
public class PipelineThroughputBenchmark {

	static final int CAPACITY = 10_000;

	/** More than the producer threads: once the size is below this margin, every producer's offer fits. */
	private static final int MARGIN = 64;

	/** Outputs to measure; see {@link PipelineOutputs} for what each name means. */
	@Param({ PipelineOutputs.NOOP, PipelineOutputs.LOG_DISCARD, PipelineOutputs.LOG_FILE, PipelineOutputs.MICROMETER,
			PipelineOutputs.JDBC_SQLITE, PipelineOutputs.JDBC_H2, PipelineOutputs.JDBC_POSTGRESQL,
			PipelineOutputs.NAIVE_INSERT })
	public String output;

	/** Events per second offered by all producers together in {@link #paced}. */
	@Param("100000")
	public int arrivalRate;

	/**
	 * Distinct users the events of outputs with a row per id come from, in turn: with many, every
	 * batch of the jdbc output updates the running totals of hundreds of users.
	 */
	@Param("1")
	public int users;

	private final CallEvent event = Payloads.callEvent();

	/** Set for outputs that keep a row per id: each offer then gets an id of its own. */
	private boolean uniqueIds;

	private final long idPrefix = ThreadLocalRandom.current().nextLong();

	private final AtomicLong idSequence = new AtomicLong();

	private EventPipeline pipeline;

	private long iterationStartNanos;

	private long iterationStartWritten;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.uniqueIds = PipelineOutputs.keepsRowsById(this.output);
		this.pipeline = new EventPipeline(List.of(PipelineOutputs.create(this.output)),
				PipelineSettings.of(CAPACITY, 500, Duration.ofSeconds(1)),
				"tokensense-bench");
		this.pipeline.start();
	}

	@Setup(Level.Iteration)
	public void startIteration() {
		this.iterationStartNanos = System.nanoTime();
		this.iterationStartWritten = this.pipeline.written();
	}

	@TearDown(Level.Iteration)
	public void endIteration() {
		double seconds = (System.nanoTime() - this.iterationStartNanos) / 1e9;
		long written = this.pipeline.written() - this.iterationStartWritten;
		System.out.printf("  [%s] written by the output: %,.0f events/s (%,d in %.2f s), queue %,d%n", this.output,
				written / seconds, written, seconds, this.pipeline.queueSize());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.pipeline.close(Duration.ofSeconds(30));
		System.out.printf("  [%s] trial: written %,d, dropped %s%n", this.output, this.pipeline.written(),
				this.pipeline.droppedByReason());
		PipelineOutputs.resetLogging();
	}

	@Benchmark
	public boolean sustained() {
		while (this.pipeline.queueSize() > CAPACITY - MARGIN) {
			// sleep rather than spin: on 2 cores, spinning producers would take the CPU the worker and
			// the database need, and the score would measure the spinning instead of the output
			LockSupport.parkNanos(100_000);
		}
		return this.pipeline.offer(nextEvent(), null);
	}

	@Benchmark
	public boolean fireAndForget(Offers offers) {
		boolean accepted = this.pipeline.offer(nextEvent(), null);
		if (accepted) {
			offers.accepted++;
		}
		else {
			offers.dropped++;
		}
		return accepted;
	}

	@Benchmark
	public boolean paced(Pacer pacer) {
		pacer.awaitTurn();
		return this.pipeline.offer(nextEvent(), null);
	}

	private CallEvent nextEvent() {
		if (!this.uniqueIds) {
			return this.event;
		}
		long sequence = this.idSequence.incrementAndGet();
		String user = (this.users == 1) ? Payloads.USER : "user-" + (sequence % this.users);
		return Payloads.callEvent(new UUID(this.idPrefix, sequence), user);
	}

	/** One producer's share of {@link #paced}: a burst of offers at the start of every millisecond. */
	@State(Scope.Thread)
	public static class Pacer {

		private static final long SLOT_NANOS = 1_000_000;

		private int perSlot;

		private int leftInSlot;

		private long slotStartNanos;

		@Setup(Level.Iteration)
		public void start(PipelineThroughputBenchmark benchmark, BenchmarkParams params) {
			this.perSlot = Math.max(1, benchmark.arrivalRate / params.getThreads() / 1_000);
			this.leftInSlot = this.perSlot;
			this.slotStartNanos = System.nanoTime();
		}

		void awaitTurn() {
			if (this.leftInSlot > 0) {
				this.leftInSlot--;
				return;
			}
			this.slotStartNanos += SLOT_NANOS;
			long wait = this.slotStartNanos - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			else if (-wait > 10 * SLOT_NANOS) {
				// fell behind (a descheduled producer): start afresh instead of catching up in one burst
				this.slotStartNanos = System.nanoTime();
			}
			this.leftInSlot = this.perSlot - 1;
		}

	}

	/** Per-thread split of {@link #fireAndForget} offers, reported by JMH as rates. */
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	@State(Scope.Thread)
	public static class Offers {

		public long accepted;

		public long dropped;

		@Setup(Level.Iteration)
		public void reset() {
			this.accepted = 0;
			this.dropped = 0;
		}

	}

}
