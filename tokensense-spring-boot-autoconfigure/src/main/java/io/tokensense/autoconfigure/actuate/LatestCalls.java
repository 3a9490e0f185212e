package io.tokensense.autoconfigure.actuate;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.tokensense.CallEvent;
import io.tokensense.autoconfigure.actuate.UsageReports.Window;
import io.tokensense.internal.support.CallEventJson;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The answer of {@code GET /actuator/tokensense/calls}: the latest calls the window and filters
 * cover, newest first. Each call is written exactly as the {@code log} output writes it
 * ({@link CallEventJson}): one format for a call wherever it appears, costs in plain notation,
 * and {@code prompt} and {@code response} only when they were captured.
 *
 * @param window what the list covers
 * @param limit the most calls listed
 * @param events the calls
 */
public record LatestCalls(Window window, int limit, @JsonIgnore List<CallEvent> events) {

	/** Calls listed unless {@code ?limit=} says otherwise. */
	static final int DEFAULT_LIMIT = 50;

	/** Bounds one answer: the list is for looking at, not for exporting the table. */
	static final int MAX_LIMIT = 1000;

	static LatestCalls of(UsageStore store, UsageQuery query, @Nullable Integer limit,
			Function<UsageQuery, Window> window) {
		int calls = (limit != null) ? limit : DEFAULT_LIMIT;
		if (calls < 1 || calls > MAX_LIMIT) {
			throw new InvalidEndpointRequestException(
					"'limit' must be between 1 and " + MAX_LIMIT + ", was " + limit, "Invalid 'limit'");
		}
		return new LatestCalls(window.apply(query), calls, store.latestCalls(query, calls));
	}

	/** The calls as the JSON array the endpoint writes. */
	@JsonProperty("calls")
	@JsonRawValue
	String callsJson() {
		StringBuilder json = new StringBuilder(256 * (this.events.size() + 1)).append('[');
		for (CallEvent event : this.events) {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append(CallEventJson.toJson(event));
		}
		return json.append(']').toString();
	}

}
