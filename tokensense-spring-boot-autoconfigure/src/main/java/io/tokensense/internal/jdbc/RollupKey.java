package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One row's key in a roll-up table ({@link Rollup}): its bucket's start (epoch seconds) and the
 * values of the roll-up's key columns. Its {@code hash} stands for those values in the primary
 * key, so the key stays short on every database and a missing model or user is a key like any
 * other; the hourly totals' hash is the one they had before the other roll-ups came.
 *
 * @param start the bucket's start, in epoch seconds
 * @param hash SHA-256 in hex of the values
 * @param values the key columns' values, in the order of {@link Rollup#keys()}
 */
record RollupKey(long start, String hash, List<@Nullable String> values) implements Comparable<RollupKey> {

	private static final Comparator<RollupKey> ORDER = Comparator.comparingLong(RollupKey::start)
		.thenComparing((RollupKey key) -> key.hash());

	static RollupKey of(long start, @Nullable String... values) {
		return new RollupKey(start, hash(values), Collections.unmodifiableList(Arrays.asList(values.clone())));
	}

	/** This key's share in a coarser roll-up: its bucket there and the columns that roll-up keeps. */
	RollupKey in(Rollup from, Rollup to) {
		@Nullable String[] kept = new String[to.keys().size()];
		for (int i = 0; i < kept.length; i++) {
			kept[i] = this.values.get(from.keys().indexOf(to.keys().get(i)));
		}
		return of(Math.floorDiv(this.start, to.seconds()) * to.seconds(), kept);
	}

	/** SHA-256 in hex of the texts, each written with its length so no two keys meet. */
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
	public int compareTo(RollupKey other) {
		return ORDER.compare(this, other);
	}

	/** What a roll-up table adds up for a key. */
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

		/** Binds the sums in the order of {@link HourlyTotalsSql#columns(Rollup)}, from {@code index}. */
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
