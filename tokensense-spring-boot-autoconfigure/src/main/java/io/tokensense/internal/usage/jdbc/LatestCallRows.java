package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.jdbc.UsageSql;
import io.tokensense.internal.usage.UsageQuery;
import org.jspecify.annotations.Nullable;

/**
 * The newest rows of the calls table, read back as events. The statement filters on the
 * {@code timestamp} range and orders by {@code timestamp} descending with a row limit, so every
 * database can walk the timestamp index backwards and stop after {@code limit} rows instead of
 * sorting the table. A tag filter is a {@code LIKE} that may let through a row whose tag only
 * contains the tag's text; such rows are dropped here and the next page is read.
 */
final class LatestCallRows {

	private static final ObjectMapper json = new ObjectMapper();

	private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
	};

	private final JdbcDialect dialect;

	private final TableName table;

	/** The report SQL over the calls table, whose filter this shares. */
	private final UsageSql sql;

	LatestCallRows(JdbcDialect dialect, TableName table) {
		this.dialect = dialect;
		this.table = table;
		this.sql = new UsageSql(dialect, table);
	}

	/**
	 * The newest calls of the query, at most {@code limit}.
	 * @param connection an open connection
	 * @param query the window and filters
	 * @param limit at most this many calls
	 * @return the calls, newest first
	 * @throws SQLException when the table cannot be read
	 */
	List<CallEvent> read(Connection connection, UsageQuery query, int limit) throws SQLException {
		List<CallEvent> calls = new ArrayList<>(Math.min(limit, 1000));
		UsageSql.Filter filter = this.sql.filter(query);
		for (int offset = 0;; offset += limit) {
			int rowsRead = 0;
			try (PreparedStatement statement = connection.prepareStatement(this.sql.newestRows(filter, limit, offset))) {
				filter.bind(statement);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						rowsRead++;
						CallEvent call = event(rows);
						if ((query.tag() == null || call.tags().contains(query.tag())) && calls.size() < limit) {
							calls.add(call);
						}
					}
				}
			}
			if (calls.size() >= limit || rowsRead < limit) {
				return calls;
			}
		}
	}

	/** The statement of one page: the filters, newest first, {@code limit} rows from {@code offset}. */
	String select(UsageQuery query, int limit, int offset) {
		return this.sql.newestRows(this.sql.filter(query), limit, offset);
	}

	/** Binds the values of {@link #select}'s conditions, in their order. */
	void bind(PreparedStatement statement, UsageQuery query) throws SQLException {
		this.sql.filter(query).bind(statement);
	}

	private CallEvent event(ResultSet rows) throws SQLException {
		try {
			return CallEvent.builder()
				.id(UUID.fromString(rows.getString("id")))
				.timestamp(this.dialect.getTimestamp(rows, "timestamp"))
				.provider(rows.getString("provider"))
				.operation(rows.getString("operation"))
				.requestModel(rows.getString("request_model"))
				.responseModel(rows.getString("response_model"))
				.inputTokens(nullableLong(rows, "input_tokens"))
				.outputTokens(nullableLong(rows, "output_tokens"))
				.cacheReadTokens(nullableLong(rows, "cache_read_tokens"))
				.cacheWriteTokens(nullableLong(rows, "cache_write_tokens"))
				.reasoningTokens(nullableLong(rows, "reasoning_tokens"))
				.totalTokens(nullableLong(rows, "total_tokens"))
				.costUsd(cost(rows))
				.pricingStatus(PricingStatus.valueOf(rows.getString("pricing_status")))
				.latency(Duration.ofMillis(rows.getLong("latency_ms")))
				.timeToFirstToken(millis(nullableLong(rows, "time_to_first_token_ms")))
				.streamed(rows.getBoolean("streamed"))
				.status(CallStatus.valueOf(rows.getString("status")))
				.errorType(rows.getString("error_type"))
				.userId(rows.getString("user_id"))
				.sessionId(rows.getString("session_id"))
				.tags(tags(rows.getString("tags")))
				.requestId(rows.getString("request_id"))
				.prompt(rows.getString("prompt"))
				.response(rows.getString("response"))
				.serviceTier(rows.getString("service_tier"))
				.build();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			// a row written by hand or by another program: name the row, never its values
			throw new SQLException("Unreadable row " + rows.getString("id") + " in " + this.table, ex);
		}
	}

	private @Nullable BigDecimal cost(ResultSet rows) throws SQLException {
		if (this.dialect.costAsText()) {
			String text = rows.getString("cost_usd");
			return (text != null) ? new BigDecimal(text).stripTrailingZeros() : null;
		}
		BigDecimal cost = rows.getBigDecimal("cost_usd");
		return (cost != null) ? cost.stripTrailingZeros() : null;
	}

	private static @Nullable Long nullableLong(ResultSet rows, String column) throws SQLException {
		long value = rows.getLong(column);
		return rows.wasNull() ? null : value;
	}

	private static @Nullable Duration millis(@Nullable Long millis) {
		return (millis != null) ? Duration.ofMillis(millis) : null;
	}

	private static List<String> tags(@Nullable String value) throws SQLException {
		try {
			return (value != null) ? json.readValue(value, TAGS) : List.of();
		}
		catch (Exception ex) {
			throw new SQLException("Unreadable tags in the calls table", ex);
		}
	}

}
