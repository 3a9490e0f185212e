package io.tokensense.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.tokensense.autoconfigure.actuate.UsageReports.Breakdown;
import io.tokensense.autoconfigure.actuate.UsageReports.Summary;
import io.tokensense.autoconfigure.actuate.UsageReports.Timeseries;
import io.tokensense.autoconfigure.actuate.UsageReports.Window;
import io.tokensense.budget.Budgets;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code tokensense} actuator endpoint: what LLM calls cost, in total and by model,
 * provider, user, session or tag, optionally filtered by {@code since}, {@code userId},
 * {@code sessionId} and {@code tag}. Rows are sorted by cost, highest first.
 *
 * <ul>
 * <li>{@code GET /actuator/tokensense}: totals plus breakdowns by model, provider and user</li>
 * <li>{@code GET /actuator/tokensense/{dimension}}: one breakdown</li>
 * <li>{@code GET /actuator/tokensense/timeseries?interval=PT1H&since=P1D}: buckets per model</li>
 * <li>{@code GET /actuator/tokensense/budgets?limit=100}: where each budget stands</li>
 * <li>{@code GET /actuator/tokensense/calls?limit=50}: the latest calls, newest first</li>
 * </ul>
 */
@Endpoint(id = "tokensense")
public class TokenSenseEndpoint {

	/** Bounds a time series so one request cannot ask for millions of buckets. */
	static final int MAX_BUCKETS = 10_000;

	private static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

	private static final String DEFAULT_TIMESERIES_SINCE = "P1D";

	private final UsageStore store;

	private final Clock clock;

	private final @Nullable Budgets budgets;

	public TokenSenseEndpoint(UsageStore store, Clock clock) {
		this(store, clock, null);
	}

	public TokenSenseEndpoint(UsageStore store, Clock clock, @Nullable Budgets budgets) {
		this.store = store;
		this.clock = clock;
		this.budgets = budgets;
	}

	@ReadOperation
	public Summary summary(@Nullable String since, @Nullable String userId, @Nullable String sessionId,
			@Nullable String tag) {
		UsageQuery query = query(since, userId, sessionId, tag);
		return new Summary(window(query), this.store.totals(query),
				this.store.breakdown(query, UsageDimension.MODEL), this.store.breakdown(query, UsageDimension.PROVIDER),
				this.store.breakdown(query, UsageDimension.USER));
	}

	@ReadOperation
	public Object byDimension(@Selector String dimension, @Nullable String since, @Nullable String userId,
			@Nullable String sessionId, @Nullable String tag, @Nullable String interval, @Nullable Integer limit) {
		if (dimension.equalsIgnoreCase("budgets")) {
			return BudgetsReport.of(this.budgets, limit);
		}
		if (dimension.equalsIgnoreCase("calls")) {
			return LatestCalls.of(this.store, query(since, userId, sessionId, tag), limit, this::window);
		}
		if (dimension.equalsIgnoreCase("timeseries")) {
			return timeseries((since != null) ? since : DEFAULT_TIMESERIES_SINCE, userId, sessionId, tag, interval);
		}
		UsageDimension parsed;
		try {
			parsed = UsageDimension.fromUrlName(dimension);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Unknown dimension");
		}
		UsageQuery query = query(since, userId, sessionId, tag);
		return new Breakdown(window(query), parsed.urlName(), this.store.breakdown(query, parsed));
	}

	private Timeseries timeseries(String since, @Nullable String userId, @Nullable String sessionId,
			@Nullable String tag, @Nullable String interval) {
		UsageQuery query = query(since, userId, sessionId, tag);
		Duration step = interval(interval);
		Instant from = (query.since() != null) ? query.since() : query.until();
		if (Duration.between(from, query.until()).dividedBy(step) > MAX_BUCKETS) {
			throw new InvalidEndpointRequestException("'interval' " + step + " over the window makes more than "
					+ MAX_BUCKETS + " buckets; use a longer interval or a later 'since'", "Too many buckets");
		}
		return new Timeseries(window(query), step, this.store.timeseries(query, step));
	}

	private UsageQuery query(@Nullable String since, @Nullable String userId, @Nullable String sessionId,
			@Nullable String tag) {
		try {
			return UsageQuery.of(since, userId, sessionId, tag, this.clock.instant());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid 'since'");
		}
	}

	private static Duration interval(@Nullable String interval) {
		if (interval == null || interval.isBlank()) {
			return DEFAULT_INTERVAL;
		}
		try {
			Duration parsed = Duration.parse(interval.trim());
			if (parsed.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new InvalidEndpointRequestException("'interval' must be at least PT1S, was " + interval,
						"Invalid 'interval'");
			}
			return parsed;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEndpointRequestException(
					"'interval' must be an ISO-8601 duration such as PT1H, was '" + interval + "'", "Invalid 'interval'");
		}
	}

	private Window window(UsageQuery query) {
		Instant rowsSince = this.store.rowsSince(query.until());
		boolean reachesPast = rowsSince != null && (query.since() == null || query.since().isBefore(rowsSince));
		return new Window(query.since(), query.until(), this.store.source(), reachesPast ? rowsSince : null);
	}

}
