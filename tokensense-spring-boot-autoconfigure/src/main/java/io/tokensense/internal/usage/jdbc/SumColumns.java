package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.tokensense.internal.jdbc.UsageSql;
import io.tokensense.internal.usage.UsageTotals;

/**
 * Where a report's sums are in its result, looked up once per statement: a breakdown by user
 * reads tens of thousands of groups, and finding nine columns by name in each took a noticeable
 * share of the report's time.
 */
record SumColumns(int calls, int errors, int inputTokens, int outputTokens, int cacheReadTokens, int cacheWriteTokens,
		int reasoningTokens, int cost, int unpricedCalls) {

	static SumColumns of(ResultSet rows) throws SQLException {
		return new SumColumns(rows.findColumn("calls"), rows.findColumn("errors"), rows.findColumn("input_tokens"),
				rows.findColumn("output_tokens"), rows.findColumn("cache_read_tokens"),
				rows.findColumn("cache_write_tokens"), rows.findColumn("reasoning_tokens"), rows.findColumn("cost_usd"),
				rows.findColumn("unpriced_calls"));
	}

	/**
	 * The current group's sums.
	 * @param picodollars whether the cost is SQLite's whole picodollars
	 */
	UsageTotals read(ResultSet rows, boolean picodollars) throws SQLException {
		return new UsageTotals(rows.getLong(this.calls), rows.getLong(this.errors), rows.getLong(this.inputTokens),
				rows.getLong(this.outputTokens), rows.getLong(this.cacheReadTokens), rows.getLong(this.cacheWriteTokens),
				rows.getLong(this.reasoningTokens), cost(rows, picodollars), rows.getLong(this.unpricedCalls));
	}

	private BigDecimal cost(ResultSet rows, boolean picodollars) throws SQLException {
		if (picodollars) {
			return BigDecimal.valueOf(rows.getLong(this.cost), UsageSql.SQLITE_COST_SCALE);
		}
		BigDecimal cost = rows.getBigDecimal(this.cost);
		return (cost != null) ? cost : BigDecimal.ZERO;
	}

}
