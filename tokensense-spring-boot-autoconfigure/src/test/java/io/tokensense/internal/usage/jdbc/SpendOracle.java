package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.budget.Budget;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;

/**
 * A budget's spend computed apart from the product: every row of the calls table read once with
 * plain SQL, then filtered, keyed and summed in Java. A budget by model keys a call by the model
 * asked for, else the one served; a key without spend is left out. SQLite keeps costs as text
 * and the reader sums them as whole picodollars, each row rounded by SQLite's {@code ROUND}:
 * the same rounding is asked of SQLite per row here, the sum is Java's.
 */
final class SpendOracle {

	private static final ObjectMapper json = new ObjectMapper();

	private final List<Row> rows;

	private SpendOracle(List<Row> rows) {
		this.rows = rows;
	}

	static SpendOracle read(TestDatabase db, String table) throws Exception {
		String cost = (db.dialect() == JdbcDialect.SQLITE)
				? "CAST(ROUND(cost_usd * 1000000000000) AS INTEGER) AS cost_pico, cost_usd" : "cost_usd";
		String select = "SELECT timestamp, provider, request_model, response_model, user_id, session_id, tags, "
				+ cost + " FROM " + table;
		List<Row> rows = new ArrayList<>();
		try (Connection connection = db.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(select)) {
			while (result.next()) {
				BigDecimal costUsd = result.getBigDecimal("cost_usd");
				if (costUsd != null && db.dialect() == JdbcDialect.SQLITE) {
					costUsd = BigDecimal.valueOf(result.getLong("cost_pico"), 12);
				}
				String model = result.getString("request_model");
				rows.add(new Row(db.dialect().getTimestamp(result, "timestamp"), result.getString("provider"),
						(model != null) ? model : result.getString("response_model"), result.getString("user_id"),
						result.getString("session_id"),
						json.readValue(result.getString("tags"), new TypeReference<List<String>>() {
						}), costUsd));
			}
		}
		return new SpendOracle(rows);
	}

	Map<String, BigDecimal> spentSince(Budget budget, Instant since) {
		Instant from = since.truncatedTo(ChronoUnit.MICROS);
		Map<String, BigDecimal> spent = new HashMap<>();
		for (Row row : this.rows) {
			if (row.cost() == null || row.timestamp().isBefore(from)) {
				continue;
			}
			for (String key : keys(budget, row)) {
				spent.merge(key, row.cost(), BigDecimal::add);
			}
		}
		Map<String, BigDecimal> withSpend = new HashMap<>();
		spent.forEach((key, sum) -> {
			if (sum.signum() != 0) {
				withSpend.put(key, sum.stripTrailingZeros());
			}
		});
		return withSpend;
	}

	private static List<String> keys(Budget budget, Row row) {
		List<String> values = switch (budget.scope()) {
			case GLOBAL -> List.of("");
			case USER -> single(row.user());
			case SESSION -> single(row.session());
			case TAG -> row.tags();
			case MODEL -> single(row.model());
			case PROVIDER -> single(row.provider());
		};
		if (budget.match() == null) {
			return values;
		}
		return values.contains(budget.match()) ? List.of("") : List.of();
	}

	private static List<String> single(@Nullable String value) {
		return (value != null) ? List.of(value) : List.of();
	}

	private record Row(Instant timestamp, String provider, @Nullable String model, @Nullable String user,
			@Nullable String session, List<String> tags, @Nullable BigDecimal cost) {
	}

}
