package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tokensense.budget.Budget;
import io.tokensense.internal.support.StoredText;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import org.jspecify.annotations.Nullable;

/**
 * A budget's spend read through the usage reports ({@link JdbcUsageStore}), which take whole
 * hours and days from the roll-ups and only the partial edges from the rows, so a month's
 * window reads a few thousand roll-up rows instead of every call. The reports count calls by
 * the model asked for and label calls without a user or model {@link UsageRow#NONE}; where
 * that cannot give what the rows give, the answer is {@code null} and the rows are read.
 */
final class RollupSpend {

	/**
	 * The end of every window: later than any call, so that, as over the rows, calls stamped
	 * ahead of this instance's clock count too. A midnight, so every roll-up's buckets end there.
	 */
	static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

	/** The key of a global or matched budget's spend. */
	private static final String SINGLE = "";

	private final JdbcUsageStore reports;

	RollupSpend(JdbcUsageStore reports) {
		this.reports = reports;
	}

	/**
	 * The cost of the budget's calls since an instant, by key, or {@code null} when only the rows
	 * can tell (sessions, tags, a model budget over calls without a requested model, a match
	 * longer than the columns keep).
	 * @throws IllegalStateException with the {@link java.sql.SQLException} as its cause when the
	 * database cannot be read
	 */
	@Nullable Map<String, BigDecimal> spentSince(Budget budget, Instant since) {
		UsageQuery window = new UsageQuery(since, END_OF_TIME, null, null, null);
		String match = budget.match();
		if (match != null && !match.equals(StoredText.bounded(match))) {
			// the rows hold values as stored, so none matches it; a report would cut it and match the cut one
			return null;
		}
		return switch (budget.scope()) {
			case GLOBAL -> Map.of(SINGLE, this.reports.totals(window).costUsd());
			case USER -> (match != null) ? matchedUser(since, match) : byUser(window);
			case PROVIDER -> byKey(this.reports.breakdown(window, UsageDimension.PROVIDER), match);
			case MODEL -> byModel(window, match);
			case SESSION, TAG -> null;
		};
	}

	/** One user's totals, filtered by the database as the rows are. */
	private Map<String, BigDecimal> matchedUser(Instant since, String user) {
		return Map.of(SINGLE, this.reports.totals(new UsageQuery(since, END_OF_TIME, user, null, null)).costUsd());
	}

	/**
	 * The breakdown by user, whose {@code none} holds the calls without a user (no key of a budget)
	 * and those of a user named {@code none}: the latter are read on their own.
	 */
	private Map<String, BigDecimal> byUser(UsageQuery window) {
		Map<String, BigDecimal> spent = byKey(this.reports.breakdown(window, UsageDimension.USER), null);
		if (spent.remove(UsageRow.NONE) != null) {
			UsageQuery named = new UsageQuery(window.since(), window.until(), UsageRow.NONE, null, null);
			spent.put(UsageRow.NONE, this.reports.totals(named).costUsd());
		}
		return spent;
	}

	/**
	 * The breakdown by requested model, when every call in the window asked for one: a call that
	 * did not counts for the model served, which no roll-up keeps ({@code none} also stands for
	 * a model named so), and then the rows answer.
	 */
	private @Nullable Map<String, BigDecimal> byModel(UsageQuery window, @Nullable String match) {
		List<UsageRow> rows = this.reports.breakdown(window, UsageDimension.MODEL);
		for (UsageRow row : rows) {
			if (row.key().equals(UsageRow.NONE)) {
				return null;
			}
		}
		return byKey(rows, match);
	}

	/** Each row's cost by key, or the matched key's alone under {@link #SINGLE}. */
	private static Map<String, BigDecimal> byKey(List<UsageRow> rows, @Nullable String match) {
		Map<String, BigDecimal> spent = new HashMap<>();
		for (UsageRow row : rows) {
			if (match == null) {
				spent.merge(row.key(), row.costUsd(), BigDecimal::add);
			}
			else if (row.key().equals(match)) {
				spent.merge(SINGLE, row.costUsd(), BigDecimal::add);
			}
		}
		return spent;
	}

}
