package io.tokensense.internal.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * Answers usage questions over recorded calls: from the JDBC table when that output is on
 * (it survives restarts and spans instances), else from the recent events kept in memory.
 */
public interface UsageStore {

	/** {@code jdbc} or {@code memory}, reported in the endpoint's window. */
	String source();

	/**
	 * The oldest instant whose calls are still kept one by one (a retention deletes older
	 * ones), or {@code null} when none are deleted.
	 * @param now the current instant
	 * @return the instant, or {@code null}
	 */
	default @Nullable Instant rowsSince(Instant now) {
		return null;
	}

	/** Sums over every call the query covers. */
	UsageTotals totals(UsageQuery query);

	/** Sums per key of a dimension, highest cost first. */
	List<UsageRow> breakdown(UsageQuery query, UsageDimension dimension);

	/** Sums per model in consecutive buckets of {@code interval}, oldest first. */
	List<TimeBucket> timeseries(UsageQuery query, Duration interval);

	/**
	 * The most recent calls the query covers, newest first: what the endpoint's {@code calls}
	 * report and the dashboard's latest calls show. A store that keeps no calls one by one
	 * answers an empty list.
	 * @param query the window and filters
	 * @param limit at most this many calls, at least 1
	 * @return the calls, as recorded (prompt and response only when they were captured)
	 */
	default List<CallEvent> latestCalls(UsageQuery query, int limit) {
		return List.of();
	}

}
