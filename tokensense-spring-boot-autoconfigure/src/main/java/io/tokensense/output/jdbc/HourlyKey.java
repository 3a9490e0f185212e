package io.tokensense.output.jdbc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * One row's key in the hourly totals: the hour (epoch hours) and what calls are grouped by.
 * Its {@code hash} stands for the four texts in the primary key, so the key stays short on
 * every database and a missing model or user is a key like any other.
 */
record HourlyKey(long hour, String hash, String provider, String operation, @Nullable String requestModel,
		@Nullable String userId) implements Comparable<HourlyKey> {

	private static final Comparator<HourlyKey> ORDER = Comparator.comparingLong(HourlyKey::hour)
		.thenComparing((HourlyKey key) -> key.hash());

	static HourlyKey of(long hour, String provider, String operation, @Nullable String requestModel,
			@Nullable String userId) {
		return new HourlyKey(hour, hash(provider, operation, requestModel, userId), provider, operation,
				requestModel, userId);
	}

	/** SHA-256 in hex of the four texts, each written with its length so no two keys meet. */
	private static String hash(@Nullable String... texts) {
		StringBuilder text = new StringBuilder();
		for (String value : texts) {
			text.append((value != null) ? value.length() + ":" + value : "-").append('|');
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	@Override
	public int compareTo(HourlyKey other) {
		return ORDER.compare(this, other);
	}

	/** What the hourly table adds up for a key. */
	record Sums(long calls, long errors, long unpricedCalls, long inputTokens, long outputTokens,
			long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, BigDecimal cost) {

		/** Reads the sums a report's SQL selects; SQLite's cost in whole picodollars. */
		static Sums read(ResultSet rows, boolean picodollars) throws SQLException {
			BigDecimal cost;
			if (picodollars) {
				cost = BigDecimal.valueOf(rows.getLong("cost_usd"));
			}
			else {
				BigDecimal sum = rows.getBigDecimal("cost_usd");
				cost = (sum != null) ? sum : BigDecimal.ZERO;
			}
			return new Sums(rows.getLong("calls"), rows.getLong("errors"), rows.getLong("unpriced_calls"),
					rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cache_read_tokens"),
					rows.getLong("cache_write_tokens"), rows.getLong("reasoning_tokens"), cost);
		}

		Sums plus(Sums other) {
			return new Sums(this.calls + other.calls, this.errors + other.errors,
					this.unpricedCalls + other.unpricedCalls, this.inputTokens + other.inputTokens,
					this.outputTokens + other.outputTokens, this.cacheReadTokens + other.cacheReadTokens,
					this.cacheWriteTokens + other.cacheWriteTokens, this.reasoningTokens + other.reasoningTokens,
					this.cost.add(other.cost));
		}

		/** Binds the sums in the order of {@link HourlyTotalsSql#columns()}, from {@code index}. */
		void bind(PreparedStatement statement, int index, boolean picodollars) throws SQLException {
			int i = index;
			for (long count : new long[] { this.calls, this.errors, this.unpricedCalls, this.inputTokens,
					this.outputTokens, this.cacheReadTokens, this.cacheWriteTokens, this.reasoningTokens }) {
				statement.setLong(i++, count);
			}
			if (picodollars) {
				statement.setLong(i, this.cost.longValueExact());
			}
			else {
				statement.setBigDecimal(i, this.cost);
			}
		}

	}

}
