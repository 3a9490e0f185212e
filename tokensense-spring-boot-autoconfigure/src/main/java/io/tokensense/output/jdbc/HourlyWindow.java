package io.tokensense.output.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.usage.UsageQuery;
import org.jspecify.annotations.Nullable;

/**
 * Splits a report's window into the whole hours the hourly totals answer and the partial hours
 * at its edges that only the rows can answer: {@code [since, first whole hour)} from the rows,
 * {@code [first whole hour, last hour start)} from the totals, {@code [last hour start, until)}
 * from the rows. A window without {@code since} takes every hour before the last from the
 * totals.
 *
 * @param query the part's window and filters
 * @param fromTotals whether the part is read from the hourly totals
 */
record HourlyWindow(UsageQuery query, boolean fromTotals) {

	/** The parts of a query, in time order; one part from the rows when no whole hour fits. */
	static List<HourlyWindow> split(UsageQuery query) {
		Instant since = query.since();
		Instant lastHour = query.until().truncatedTo(ChronoUnit.HOURS);
		Instant firstHour = (since != null) ? ceilHour(since) : null;
		if (firstHour != null && !firstHour.isBefore(lastHour)) {
			return List.of(new HourlyWindow(query, false));
		}
		List<HourlyWindow> parts = new ArrayList<>(3);
		if (since != null && since.isBefore(firstHour)) {
			parts.add(new HourlyWindow(window(query, since, firstHour), false));
		}
		parts.add(new HourlyWindow(window(query, firstHour, lastHour), true));
		if (lastHour.isBefore(query.until())) {
			parts.add(new HourlyWindow(window(query, lastHour, query.until()), false));
		}
		return parts;
	}

	private static Instant ceilHour(Instant instant) {
		Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
		return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
	}

	private static UsageQuery window(UsageQuery query, @Nullable Instant since, Instant until) {
		return new UsageQuery(since, until, query.userId(), query.sessionId(), query.tag());
	}

}
