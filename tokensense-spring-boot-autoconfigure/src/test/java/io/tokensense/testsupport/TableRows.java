package io.tokensense.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.jdbc.JdbcDialect;

/** Reads the rows of an events table back into events, by SQL of its own. */
public final class TableRows {

	private TableRows() {
	}

	public static List<CallEvent> read(TestDatabase database, String table) {
		List<CallEvent> events = new ArrayList<>();
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
			while (rows.next()) {
				events.add(event(rows, database.dialect()));
			}
			return events;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CallEvent event(ResultSet rows, JdbcDialect dialect) throws SQLException {
		String cost = rows.getString("cost_usd");
		Long ttft = longOrNull(rows, "time_to_first_token_ms");
		return new CallEvent(UUID.fromString(rows.getString("id")), dialect.getTimestamp(rows, "timestamp"),
				rows.getString("provider"), rows.getString("operation"), rows.getString("request_model"),
				rows.getString("response_model"), longOrNull(rows, "input_tokens"), longOrNull(rows, "output_tokens"),
				longOrNull(rows, "cache_read_tokens"), longOrNull(rows, "cache_write_tokens"),
				longOrNull(rows, "reasoning_tokens"), longOrNull(rows, "total_tokens"),
				(cost != null) ? new BigDecimal(cost) : null, PricingStatus.valueOf(rows.getString("pricing_status")),
				Duration.ofMillis(rows.getLong("latency_ms")), (ttft != null) ? Duration.ofMillis(ttft) : null,
				rows.getBoolean("streamed"), CallStatus.valueOf(rows.getString("status")), rows.getString("error_type"),
				rows.getString("user_id"), rows.getString("session_id"), tags(rows.getString("tags")),
				rows.getString("request_id"), rows.getString("prompt"), rows.getString("response"),
				rows.getString("service_tier"));
	}

	/** Enough JSON for the tags the tests write: strings without quotes or escapes inside. */
	private static List<String> tags(String json) {
		String inner = json.substring(1, json.length() - 1);
		if (inner.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(inner.split(",")).map((tag) -> tag.substring(1, tag.length() - 1)).toList();
	}

	private static Long longOrNull(ResultSet rows, String column) throws SQLException {
		long value = rows.getLong(column);
		return rows.wasNull() ? null : value;
	}

}
