package io.tokensense.internal.support;

import java.time.Duration;
import java.util.List;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link CallEvent} as one line of JSON, by hand so that the log output needs no
 * JSON library. Fields keep the record's camelCase names and order; durations become
 * {@code latencyMs} and {@code timeToFirstTokenMs} (whole milliseconds), {@code costUsd} a
 * number in plain notation, {@code timestamp} ISO-8601, enums their names. Fields whose
 * value is {@code null} are left out, so lines stay short and prompts appear only when
 * captured.
 */
public final class CallEventJson {

	private CallEventJson() {
	}

	/**
	 * The event as a JSON object on one line.
	 * @param event the event
	 * @return the JSON text
	 */
	public static String toJson(CallEvent event) {
		Fields json = new Fields();
		json.string("id", event.id().toString());
		json.string("timestamp", event.timestamp().toString());
		json.string("provider", event.provider());
		json.string("operation", event.operation());
		json.string("requestModel", event.requestModel());
		json.string("responseModel", event.responseModel());
		json.raw("inputTokens", event.inputTokens());
		json.raw("outputTokens", event.outputTokens());
		json.raw("cacheReadTokens", event.cacheReadTokens());
		json.raw("cacheWriteTokens", event.cacheWriteTokens());
		json.raw("reasoningTokens", event.reasoningTokens());
		json.raw("totalTokens", event.totalTokens());
		json.raw("costUsd", (event.costUsd() != null) ? event.costUsd().toPlainString() : null);
		json.string("pricingStatus", event.pricingStatus().name());
		json.raw("latencyMs", millis(event.latency()));
		json.raw("timeToFirstTokenMs", millis(event.timeToFirstToken()));
		json.raw("streamed", event.streamed());
		json.string("status", event.status().name());
		json.string("errorType", event.errorType());
		json.string("userId", event.userId());
		json.string("sessionId", event.sessionId());
		json.raw("tags", toJsonArray(event.tags()));
		json.string("requestId", event.requestId());
		json.string("prompt", event.prompt());
		json.string("response", event.response());
		json.string("serviceTier", event.serviceTier());
		return json.end();
	}

	/**
	 * Strings as a JSON array, e.g. {@code ["production","chat"]}.
	 * @param values the strings
	 * @return the JSON text
	 */
	public static String toJsonArray(List<String> values) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			appendString(json, values.get(i));
		}
		return json.append(']').toString();
	}

	/**
	 * Appends a JSON string literal: quotes, backslashes and control characters are escaped,
	 * the latter as {@code \}{@code uXXXX}, and so are U+2028 and U+2029, which break
	 * JavaScript readers of the line.
	 */
	static void appendString(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

	private static @Nullable Long millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

	/** Appends {@code "name":value} pairs, skipping nulls. */
	private static final class Fields {

		private final StringBuilder json = new StringBuilder(512).append('{');

		void string(String name, @Nullable String value) {
			if (value != null) {
				name(name);
				appendString(this.json, value);
			}
		}

		/** A value that is already JSON: a number, a boolean or an array. */
		void raw(String name, @Nullable Object value) {
			if (value != null) {
				name(name);
				this.json.append(value);
			}
		}

		private void name(String name) {
			if (this.json.length() > 1) {
				this.json.append(',');
			}
			this.json.append('"').append(name).append("\":");
		}

		String end() {
			return this.json.append('}').toString();
		}

	}

}
