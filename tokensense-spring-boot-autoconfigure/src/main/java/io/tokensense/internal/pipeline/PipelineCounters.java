package io.tokensense.internal.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What became of the events a pipeline accepted or refused. Every reason is present from
 * the start, so meters built on it have a fixed set of tags.
 */
final class PipelineCounters {

	private final LongAdder written = new LongAdder();

	private final Map<String, LongAdder> dropped;

	PipelineCounters() {
		Map<String, LongAdder> dropped = new LinkedHashMap<>();
		DropReasons.ALL.forEach((reason) -> dropped.put(reason, new LongAdder()));
		this.dropped = Collections.unmodifiableMap(dropped);
	}

	void written(long count) {
		this.written.add(count);
	}

	void dropped(String reason, long count) {
		LongAdder adder = this.dropped.get(reason);
		if (adder == null) {
			throw new IllegalArgumentException("Unknown drop reason " + reason);
		}
		adder.add(count);
	}

	long written() {
		return this.written.sum();
	}

	long dropped(String reason) {
		LongAdder adder = this.dropped.get(reason);
		return (adder != null) ? adder.sum() : 0;
	}

	Map<String, Long> droppedByReason() {
		Map<String, Long> snapshot = new LinkedHashMap<>();
		this.dropped.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
		return Collections.unmodifiableMap(snapshot);
	}

}
