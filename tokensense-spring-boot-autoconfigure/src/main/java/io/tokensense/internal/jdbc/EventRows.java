package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.CallEventJson;
import io.tokensense.internal.support.StoredText;
import org.jspecify.annotations.Nullable;

/**
 * The table's columns, the {@link CallEvent} fields in snake_case, and how an event becomes
 * a row: durations in whole milliseconds, tags as a JSON array, enums by name.
 */
public final class EventRows {

	/** Every column, in the order {@link #bind} sets them. */
	public static final List<String> COLUMNS = List.of("id", "timestamp", "provider", "operation", "request_model",
			"response_model", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
			"reasoning_tokens", "total_tokens", "cost_usd", "pricing_status", "latency_ms", "time_to_first_token_ms",
			"streamed", "status", "error_type", "user_id", "session_id", "tags", "request_id", "prompt", "response",
			"service_tier");

	/** Length of the {@code VARCHAR(255)} columns. */
	static final int MAX_SHORT_TEXT = StoredText.MAX_LENGTH;

	/** Decimals kept by {@code cost_usd} where it is a decimal type. */
	static final int COST_SCALE = 18;

	private EventRows() {
	}

	/**
	 * Sets the statement's parameters to the event's columns.
	 * @param statement a statement from {@link JdbcDialect#insertSql}
	 * @param dialect the database's dialect
	 * @param event the event
	 * @throws SQLException when the driver refuses a value
	 */
	public static void bind(PreparedStatement statement, JdbcDialect dialect, CallEvent event) throws SQLException {
		int i = 1;
		statement.setString(i++, event.id().toString());
		dialect.setTimestamp(statement, i++, event.timestamp());
		statement.setString(i++, text(event.provider()));
		statement.setString(i++, text(event.operation()));
		setString(statement, i++, text(event.requestModel()));
		setString(statement, i++, text(event.responseModel()));
		setLong(statement, i++, event.inputTokens());
		setLong(statement, i++, event.outputTokens());
		setLong(statement, i++, event.cacheReadTokens());
		setLong(statement, i++, event.cacheWriteTokens());
		setLong(statement, i++, event.reasoningTokens());
		setLong(statement, i++, event.totalTokens());
		setCost(statement, i++, dialect, event.costUsd());
		statement.setString(i++, event.pricingStatus().name());
		statement.setLong(i++, event.latency().toMillis());
		setLong(statement, i++, millis(event.timeToFirstToken()));
		statement.setBoolean(i++, event.streamed());
		statement.setString(i++, event.status().name());
		setString(statement, i++, text(event.errorType()));
		setString(statement, i++, text(event.userId()));
		setString(statement, i++, text(event.sessionId()));
		statement.setString(i++, CallEventJson.toJsonArray(tags(event.tags())));
		setString(statement, i++, text(event.requestId()));
		setString(statement, i++, withoutNul(event.prompt()));
		setString(statement, i++, withoutNul(event.response()));
		setString(statement, i, text(event.serviceTier()));
	}

	/** A short text value as stored: see {@link io.tokensense.internal.support.StoredText}. */
	static @Nullable String text(@Nullable String value) {
		return bounded(value);
	}

	/**
	 * The value without U+0000, which PostgreSQL refuses in any text: one such character in a
	 * user id or a captured prompt would make the database refuse the whole row.
	 */
	static @Nullable String withoutNul(@Nullable String value) {
		return (value == null || value.indexOf('\u0000') < 0) ? value : value.replace("\u0000", "");
	}

	private static List<String> tags(List<String> tags) {
		if (tags.stream().noneMatch((tag) -> tag.indexOf('\u0000') >= 0)) {
			return tags;
		}
		return tags.stream().map((tag) -> tag.replace("\u0000", "")).toList();
	}

	/**
	 * The value cut as {@link StoredText#bounded} cuts it: one overlong user id must not fail,
	 * and so lose, the whole batch.
	 */
	static @Nullable String bounded(@Nullable String value) {
		return StoredText.bounded(value);
	}

	/** Binds a text, or SQL NULL for none. */
	static void setString(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
		if (value != null) {
			statement.setString(index, value);
		}
		else {
			statement.setNull(index, Types.VARCHAR);
		}
	}

	private static void setLong(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
		if (value != null) {
			statement.setLong(index, value);
		}
		else {
			statement.setNull(index, Types.BIGINT);
		}
	}

	private static void setCost(PreparedStatement statement, int index, JdbcDialect dialect,
			@Nullable BigDecimal cost) throws SQLException {
		if (cost == null) {
			statement.setNull(index, dialect.costAsText() ? Types.VARCHAR : Types.DECIMAL);
		}
		else if (dialect.costAsText()) {
			statement.setString(index, cost.toPlainString());
		}
		else {
			// the columns keep 18 decimals: round here so every database stores the same value
			BigDecimal stored = (cost.scale() > COST_SCALE) ? cost.setScale(COST_SCALE, RoundingMode.HALF_EVEN) : cost;
			statement.setBigDecimal(index, stored);
		}
	}

	private static @Nullable Long millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

}
