package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tokensense.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the running totals per user against the calls table itself, worked out here in plain
 * Java over the stored rows: for every user, its row (totals of all its calls, first and last
 * checkpoint as the spec defines them from the calls' hours), and every checkpoint from first
 * to last, none missing and none besides, each the sums of the user's calls before it, cost to
 * the last digit (SQLite: each row's whole picodollars, as its totals keep them).
 */
final class RunningTotalsCheck {

	private static final long SPACING = 3 * 3600;

	private RunningTotalsCheck() {
	}

	/** Asserts that the users and checkpoints tables hold exactly what the calls table says. */
	static void assertMatchTheCalls(TestDatabase db, String table, String as) throws SQLException {
		Map<@Nullable String, List<Call>> calls = callsPerUser(db, table);
		Map<String, UserRow> users = new HashMap<>();
		Map<String, TreeMap<Long, Totals>> checkpoints = new HashMap<>();
		try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT key_hash, user_id, first_checkpoint, last_checkpoint, "
					+ sums(db) + " FROM " + table + "_users")) {
				while (rows.next()) {
					users.put(rows.getString("key_hash"), new UserRow(rows.getString("user_id"),
							instant(db, rows, "first_checkpoint"), instant(db, rows, "last_checkpoint"), totals(db, rows)));
				}
			}
			try (ResultSet rows = statement.executeQuery(
					"SELECT checkpoint_at, key_hash, " + sums(db) + " FROM " + table + "_user_checkpoints")) {
				while (rows.next()) {
					checkpoints.computeIfAbsent(rows.getString("key_hash"), (key) -> new TreeMap<>())
						.put(instant(db, rows, "checkpoint_at").getEpochSecond(), totals(db, rows));
				}
			}
		}
		assertThat(users).as("%s: one row per user", as).hasSameSizeAs(calls);
		int checked = 0;
		for (Map.Entry<@Nullable String, List<Call>> user : calls.entrySet()) {
			String key = UserCheckpoints.userHash(user.getKey());
			List<Call> own = user.getValue();
			own.sort(Comparator.comparing(Call::at));
			long minHour = own.stream().mapToLong(Call::hour).min().orElseThrow();
			long maxHour = own.stream().mapToLong(Call::hour).max().orElseThrow();
			long first = Math.floorDiv(minHour, SPACING) * SPACING + SPACING;
			long last = Math.floorDiv(maxHour, SPACING) * SPACING;
			UserRow row = users.get(key);
			String who = as + ", user " + user.getKey();
			assertThat(row).as("%s: its row", who).isNotNull();
			assertThat(row.userId()).as(who).isEqualTo(user.getKey());
			assertThat(row.first().getEpochSecond()).as("%s: first checkpoint", who).isEqualTo(first);
			assertThat(row.last().getEpochSecond()).as("%s: last checkpoint", who).isEqualTo(last);
			assertThat(row.totals()).as("%s: totals", who).isEqualTo(sum(own, Long.MAX_VALUE));
			TreeMap<Long, Totals> expected = new TreeMap<>();
			for (long at = first; at <= last; at += SPACING) {
				expected.put(at, sum(own, at));
			}
			assertThat(checkpoints.getOrDefault(key, new TreeMap<>())).as("%s: checkpoints", who).isEqualTo(expected);
			checked += expected.size();
		}
		assertThat(checkpoints.keySet()).as("%s: checkpoints of users without calls", as).isSubsetOf(users.keySet());
		System.out.printf("RunningTotalsCheck %s: %d users, %d checkpoints%n", as, calls.size(), checked);
	}

	/** The stored calls per stored user id, read column by column. */
	private static Map<@Nullable String, List<Call>> callsPerUser(TestDatabase db, String table) throws SQLException {
		boolean sqlite = db.dialect() == JdbcDialect.SQLITE;
		String cost = sqlite ? "CAST(ROUND(cost_usd * 1000000000000) AS INTEGER)" : "cost_usd";
		Map<@Nullable String, List<Call>> calls = new HashMap<>();
		try (Connection connection = db.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT user_id, timestamp, status, pricing_status, input_tokens, "
						+ "output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, " + cost
						+ " AS cost FROM " + table)) {
			while (rows.next()) {
				String status = rows.getString("status");
				boolean unpriced = status.equals("SUCCESS") && !rows.getString("pricing_status").equals("PRICED");
				BigDecimal value = sqlite ? BigDecimal.valueOf(rows.getLong("cost")) : rows.getBigDecimal("cost");
				Totals totals = new Totals(1, status.equals("ERROR") ? 1 : 0, unpriced ? 1 : 0,
						rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cache_read_tokens"),
						rows.getLong("cache_write_tokens"), rows.getLong("reasoning_tokens"),
						(value != null) ? value : BigDecimal.ZERO);
				calls.computeIfAbsent(rows.getString("user_id"), (user) -> new ArrayList<>())
					.add(new Call(instant(db, rows, "timestamp"), totals));
			}
		}
		return calls;
	}

	/** The sums of the calls before an instant (epoch seconds). */
	private static Totals sum(List<Call> calls, long before) {
		Totals sum = new Totals(0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);
		for (Call call : calls) {
			if (before == Long.MAX_VALUE || call.at().isBefore(Instant.ofEpochSecond(before))) {
				sum = sum.plus(call.totals());
			}
		}
		return sum.normalised();
	}

	private static String sums(TestDatabase db) {
		return "calls, errors, unpriced_calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
				+ "reasoning_tokens, " + ((db.dialect() == JdbcDialect.SQLITE) ? "cost_pico_usd" : "cost_usd") + " AS cost";
	}

	private static Totals totals(TestDatabase db, ResultSet rows) throws SQLException {
		BigDecimal cost = (db.dialect() == JdbcDialect.SQLITE) ? BigDecimal.valueOf(rows.getLong("cost"))
				: rows.getBigDecimal("cost");
		return new Totals(rows.getLong("calls"), rows.getLong("errors"), rows.getLong("unpriced_calls"),
				rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cache_read_tokens"),
				rows.getLong("cache_write_tokens"), rows.getLong("reasoning_tokens"), cost)
			.normalised();
	}

	private static Instant instant(TestDatabase db, ResultSet rows, String column) throws SQLException {
		return switch (db.dialect()) {
			case POSTGRESQL, H2 -> rows.getObject(column, OffsetDateTime.class).toInstant();
			case MYSQL -> rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
			case SQLITE -> Instant.parse(rows.getString(column));
		};
	}

	private record Call(Instant at, Totals totals) {

		long hour() {
			return Math.floorDiv(this.at.getEpochSecond(), 3600) * 3600;
		}

	}

	private record UserRow(@Nullable String userId, Instant first, Instant last, Totals totals) {

	}

	/** The nine sums; cost compared by value, to the last digit. */
	record Totals(long calls, long errors, long unpriced, long input, long output, long cacheRead, long cacheWrite,
			long reasoning, BigDecimal cost) {

		Totals plus(Totals other) {
			return new Totals(this.calls + other.calls, this.errors + other.errors, this.unpriced + other.unpriced,
					this.input + other.input, this.output + other.output, this.cacheRead + other.cacheRead,
					this.cacheWrite + other.cacheWrite, this.reasoning + other.reasoning, this.cost.add(other.cost));
		}

		Totals normalised() {
			BigDecimal value = (this.cost.signum() == 0) ? BigDecimal.ZERO : this.cost.stripTrailingZeros();
			return new Totals(this.calls, this.errors, this.unpriced, this.input, this.output, this.cacheRead,
					this.cacheWrite, this.reasoning, value);
		}

	}

}
