package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetScope;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.jdbc.UsageSql;
import org.jspecify.annotations.Nullable;

/**
 * A budget's spend summed over the calls table's rows by the database, per key of the budget's
 * scope: what no roll-up can answer (sessions, tags, models served without one asked for).
 * Rows without a cost (unpriced calls) count nothing, as they do in memory.
 */
final class RowSpend {

	private static final ObjectMapper json = new ObjectMapper();

	private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
	};

	private RowSpend() {
	}

	static Map<String, BigDecimal> spentSince(Connection connection, JdbcDialect dialect, TableName table,
			Budget budget, Instant since) throws SQLException {
		String column = column(budget.scope());
		// tags are a JSON array per row: the database groups by tag set, and each set is split here,
		// so that a tag only ever matches a whole element (LIKE merely narrows the rows)
		boolean tagSets = budget.scope() == BudgetScope.TAG;
		boolean grouped = budget.perKey() || tagSets;
		StringBuilder sql = new StringBuilder("SELECT ").append(grouped ? column : "''")
			.append(" AS spend_key, ")
			.append(costSum(dialect))
			.append(" AS spent FROM ")
			.append(table.qualified())
			.append(" WHERE timestamp >= ? AND cost_usd IS NOT NULL");
		if (budget.match() != null) {
			sql.append(tagSets ? " AND tags LIKE ? ESCAPE '!'" : " AND " + column + " = ?");
		}
		if (grouped) {
			sql.append(" AND ").append(column).append(" IS NOT NULL GROUP BY ").append(column);
		}
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			dialect.setTimestamp(statement, 1, since);
			if (budget.match() != null) {
				statement.setString(2, tagSets ? UsageSql.tagPattern(budget.match()) : budget.match());
			}
			return read(statement, dialect, tagSets, budget.match());
		}
	}

	/**
	 * Sums the rows' spend by key.
	 * @param tagArrays whether each key is a row's JSON array of tags
	 * @param matchedTag for a budget on one tag, that tag: rows count under the key {@code ""}
	 * when their tags hold it
	 */
	private static Map<String, BigDecimal> read(PreparedStatement statement, JdbcDialect dialect, boolean tagArrays,
			@Nullable String matchedTag) throws SQLException {
		Map<String, BigDecimal> spent = new HashMap<>();
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				BigDecimal sum = (dialect == JdbcDialect.SQLITE)
						? BigDecimal.valueOf(rows.getLong("spent"), UsageSql.SQLITE_COST_SCALE)
						: rows.getBigDecimal("spent");
				String key = rows.getString("spend_key");
				if (sum == null || key == null) {
					continue;
				}
				if (!tagArrays) {
					spent.merge(key, sum, BigDecimal::add);
				}
				else if (matchedTag == null) {
					for (String tag : tags(key)) {
						spent.merge(tag, sum, BigDecimal::add);
					}
				}
				else if (tags(key).contains(matchedTag)) {
					spent.merge("", sum, BigDecimal::add);
				}
			}
		}
		return spent;
	}

	private static String column(BudgetScope scope) {
		return switch (scope) {
			case GLOBAL -> "''";
			case USER -> "user_id";
			case SESSION -> "session_id";
			case TAG -> "tags";
			// as in memory: the model asked for, else the one served
			case MODEL -> "COALESCE(request_model, response_model)";
			case PROVIDER -> "provider";
		};
	}

	private static String costSum(JdbcDialect dialect) {
		if (dialect == JdbcDialect.SQLITE) {
			return "SUM(CAST(ROUND(cost_usd * 1" + "0".repeat(UsageSql.SQLITE_COST_SCALE) + ") AS INTEGER))";
		}
		return "SUM(cost_usd)";
	}

	private static List<String> tags(String value) throws SQLException {
		try {
			return json.readValue(value, TAGS);
		}
		catch (Exception ex) {
			throw new SQLException("Unreadable tags in the calls table: " + value, ex);
		}
	}

}
