package io.tokensense.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tokensense.internal.usage.TimeBucket;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageTotals;
import org.jspecify.annotations.Nullable;

/**
 * The JSON documents of the {@code tokensense} endpoint. Field names are part of the public
 * contract: rename nothing.
 */
public final class UsageReports {

	private UsageReports() {
	}

	/**
	 * What a report covers.
	 * @param since first call start included, or {@code null} for everything available
	 * @param until calls started before this instant
	 * @param source {@code jdbc} or {@code memory}
	 * @param rowsSince when the window reaches before the oldest calls still kept as rows
	 * ({@code tokensense.jdbc.retention}), that instant: totals and the model, provider and user
	 * breakdowns still count the calls before it (hourly totals), session and tag breakdowns and
	 * sub-hour buckets do not; {@code null} when the rows cover the whole window
	 */
	public record Window(@Nullable Instant since, Instant until, String source, @Nullable Instant rowsSince) {
	}

	/** {@code GET /actuator/tokensense}. */
	public record Summary(Window window, UsageTotals totals, List<UsageRow> byModel, List<UsageRow> byProvider,
			List<UsageRow> byUser) {
	}

	/** {@code GET /actuator/tokensense/{dimension}}. */
	public record Breakdown(Window window, String dimension, List<UsageRow> rows) {
	}

	/** {@code GET /actuator/tokensense/timeseries}. */
	public record Timeseries(Window window, Duration interval, List<TimeBucket> buckets) {
	}

}
