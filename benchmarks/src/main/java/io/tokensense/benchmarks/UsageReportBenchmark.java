package io.tokensense.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokensense.internal.jdbc.BenchmarkAccess;
import io.tokensense.internal.usage.TimeBucket;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageStore;
import io.tokensense.internal.usage.UsageTotals;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The endpoint's reports through the product's {@code JdbcUsageStore} on PostgreSQL, over a
 * calls table of {@code rows} synthetic rows spread over 30 days ({@link UsageDataset}: kept
 * between runs as {@code ts_bench_10m}), read two ways in the same run: {@code path=hourly}, as
 * the product reads (whole days and hours from the roll-ups: per hour and model, per day and
 * user, per hour, model and user; the partial edge hours from the rows), and {@code path=raw},
 * the same store with the roll-ups switched off, so every report is the SQL over the rows alone.
 *
 * <p>The windows end at {@link UsageDataset#END} minus 37 min 11 s, so both edges are partial
 * hours, as they are when the endpoint's window ends now. Needs {@code TOKENSENSE_TEST_POSTGRES_URL};
 * without it the setup fails with a message saying so and JMH goes on with the next benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class UsageReportBenchmark {

	/** {@code hourly}: the product's reads (the roll-ups and the edges); {@code raw}: the rows alone. */
	@Param({ "hourly", "raw" })
	public String path;

	/** Rows in the calls table. */
	@Param("10000000")
	public long rows;

	private @Nullable HikariDataSource pool;

	private UsageStore store;

	private UsageQuery days30;

	private UsageQuery day1;

	private UsageQuery days7;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		if (!JdbcTargets.postgresConfigured()) {
			throw new IllegalStateException(
					"Skipped: set " + JdbcTargets.POSTGRES_URL_VARIABLE + " to a PostgreSQL JDBC URL to run this benchmark");
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(System.getenv(JdbcTargets.POSTGRES_URL_VARIABLE));
		config.setMaximumPoolSize(2);
		config.setPoolName("tokensense-bench-usage");
		this.pool = new HikariDataSource(config);
		String table = UsageDataset.ensure(this.pool, this.rows);
		this.store = BenchmarkAccess.usageStore(this.pool, table, "hourly".equals(this.path));
		this.days30 = window(Duration.ofDays(30));
		this.day1 = window(Duration.ofDays(1));
		this.days7 = window(Duration.ofDays(7));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	/** A window of {@code length} ending 37 min 11 s before the end of the data. */
	static UsageQuery window(Duration length) {
		Instant until = UsageDataset.END.minusSeconds(37 * 60 + 11);
		return new UsageQuery(until.minus(length), until, null, null, null);
	}

	/** The endpoint's summary ({@code since=P30D}): totals, and the breakdowns by model, provider and user. */
	@Benchmark
	public void summary30d(Blackhole blackhole) {
		summary(this.days30, blackhole);
	}

	/** The summary with {@code since=P1D}. */
	@Benchmark
	public void summary1d(Blackhole blackhole) {
		summary(this.day1, blackhole);
	}

	/** The time series in {@code PT1H} buckets over {@code P7D}. */
	@Benchmark
	public List<TimeBucket> timeseries7d() {
		return this.store.timeseries(this.days7, Duration.ofHours(1));
	}

	/** The breakdown by user over {@code P30D}. */
	@Benchmark
	public List<UsageRow> topUsers30d() {
		return this.store.breakdown(this.days30, UsageDimension.USER);
	}

	private void summary(UsageQuery query, Blackhole blackhole) {
		UsageTotals totals = this.store.totals(query);
		blackhole.consume(totals);
		blackhole.consume(this.store.breakdown(query, UsageDimension.MODEL));
		blackhole.consume(this.store.breakdown(query, UsageDimension.PROVIDER));
		blackhole.consume(this.store.breakdown(query, UsageDimension.USER));
	}

}
