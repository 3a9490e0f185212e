package io.tokensense.internal.jdbc;

import java.util.List;

/**
 * The tables of totals kept beside the calls table, each adding up the calls per time bucket
 * and key, in the same transaction as the rows. Reports read the smallest one that holds what
 * they group and filter by, for the whole buckets of their window.
 *
 * <p>The hourly totals keep every key a report without session or tag filter needs, so they can
 * answer any of them, but with a user in the key they barely shrink the data when many users
 * call a few times an hour (10,000 users making 14,000 calls an hour: 7,500 rows an hour). The
 * two smaller roll-ups are what keeps reports over weeks fast: one without the user (totals,
 * models, providers, time series), one per day and user (the user breakdown).
 */
public enum Rollup {

	/** Per hour, provider, operation, requested model and user: {@code <table>_hourly}. */
	HOURLY("_hourly", "hour_start", 3600, false, List.of("provider", "operation", "request_model", "user_id")),

	/** Per hour, provider, operation and requested model: {@code <table>_hourly_models}. */
	HOURLY_MODELS("_hourly_models", "hour_start", 3600, true, List.of("provider", "operation", "request_model")),

	/** Per day (UTC) and user: {@code <table>_daily_users}. */
	DAILY_USERS("_daily_users", "day_start", 86_400, true, List.of("user_id"));

	private final String suffix;

	private final String timeColumn;

	private final long seconds;

	private final boolean compact;

	private final List<String> keys;

	Rollup(String suffix, String timeColumn, long seconds, boolean compact, List<String> keys) {
		this.suffix = suffix;
		this.timeColumn = timeColumn;
		this.seconds = seconds;
		this.compact = compact;
		this.keys = keys;
	}

	/** The table beside a calls table. */
	public TableName table(TableName calls) {
		return calls.beside(this.suffix);
	}

	String suffix() {
		return this.suffix;
	}

	/** The column holding the bucket's start. */
	String timeColumn() {
		return this.timeColumn;
	}

	/** The bucket's length in seconds; buckets start at multiples of it from the epoch. */
	public long seconds() {
		return this.seconds;
	}

	/**
	 * Whether a bucket holds far fewer rows than the calls it adds up, however the calls are
	 * spread: so that reading a whole bucket past a window's edge and taking the overshoot away
	 * again reads less than the partial bucket's calls would. Not so for the hourly totals, whose
	 * key holds the user: 10,000 users calling 14,000 times an hour make 7,500 rows an hour.
	 */
	public boolean compact() {
		return this.compact;
	}

	/** The columns the calls are grouped by, besides the bucket. */
	List<String> keys() {
		return this.keys;
	}

	/** Whether the table keeps a column, so that reports may group or filter by it. */
	public boolean keeps(String column) {
		return this.keys.contains(column);
	}

}
