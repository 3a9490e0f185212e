package io.tokensense.internal.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;

/**
 * Keeps the most recent events in memory and answers usage questions over them. It is an
 * output of the pipeline, so it sees exactly what the other outputs see; older events are
 * forgotten once {@code maxEvents} is reached.
 */
public final class MemoryUsageStore implements UsageStore, CallEventOutput {

	private final CallEvent[] ring;

	private int next;

	private int size;

	public MemoryUsageStore(int maxEvents) {
		if (maxEvents <= 0) {
			throw new IllegalArgumentException("maxEvents must be greater than 0, was " + maxEvents);
		}
		this.ring = new CallEvent[maxEvents];
	}

	@Override
	public String name() {
		return "memory";
	}

	@Override
	public synchronized void write(List<CallEvent> batch) {
		for (CallEvent event : batch) {
			this.ring[this.next] = event;
			this.next = (this.next + 1) % this.ring.length;
			this.size = Math.min(this.size + 1, this.ring.length);
		}
	}

	@Override
	public String source() {
		return "memory";
	}

	@Override
	public UsageTotals totals(UsageQuery query) {
		TotalsAccumulator totals = new TotalsAccumulator();
		for (CallEvent event : matching(query)) {
			totals.add(event);
		}
		return totals.totals();
	}

	@Override
	public List<UsageRow> breakdown(UsageQuery query, UsageDimension dimension) {
		return rows(matching(query), dimension);
	}

	@Override
	public List<TimeBucket> timeseries(UsageQuery query, Duration interval) {
		long intervalMillis = interval.toMillis();
		Map<Long, List<CallEvent>> buckets = new TreeMap<>();
		for (CallEvent event : matching(query)) {
			long start = Math.floorDiv(event.timestamp().toEpochMilli(), intervalMillis) * intervalMillis;
			buckets.computeIfAbsent(start, (key) -> new ArrayList<>()).add(event);
		}
		List<TimeBucket> series = new ArrayList<>(buckets.size());
		buckets.forEach((start, events) -> series
			.add(new TimeBucket(Instant.ofEpochMilli(start), rows(events, UsageDimension.MODEL))));
		return series;
	}

	/** Newest start first, as the table answers; among calls that started at once, the last recorded first. */
	@Override
	public List<CallEvent> latestCalls(UsageQuery query, int limit) {
		List<CallEvent> matching = matching(query);
		Collections.reverse(matching);
		matching.sort(Comparator.comparing(CallEvent::timestamp).reversed());
		return List.copyOf(matching.subList(0, Math.min(limit, matching.size())));
	}

	private static List<UsageRow> rows(List<CallEvent> events, UsageDimension dimension) {
		Map<String, TotalsAccumulator> byKey = new LinkedHashMap<>();
		for (CallEvent event : events) {
			for (String key : dimension.keysOf(event)) {
				byKey.computeIfAbsent(key, (k) -> new TotalsAccumulator()).add(event);
			}
		}
		List<UsageRow> rows = new ArrayList<>(byKey.size());
		byKey.forEach((key, totals) -> rows.add(UsageRow.of(key, totals.totals())));
		rows.sort(UsageRow.BY_COST);
		return rows;
	}

	/** A snapshot of the kept events the query covers, oldest first. */
	private synchronized List<CallEvent> matching(UsageQuery query) {
		List<CallEvent> matching = new ArrayList<>();
		int oldest = (this.size < this.ring.length) ? 0 : this.next;
		for (int i = 0; i < this.size; i++) {
			CallEvent event = this.ring[(oldest + i) % this.ring.length];
			if (query.matches(event)) {
				matching.add(event);
			}
		}
		return matching;
	}

}
