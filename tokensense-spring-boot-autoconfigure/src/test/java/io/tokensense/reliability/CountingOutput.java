package io.tokensense.reliability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;

/**
 * An output that keeps totals instead of events: how many it received, in how many batches,
 * the sums of their tokens and cost, and their distinct ids (so a duplicate shows up as a
 * count larger than the ids). Subclasses may hold up a batch in {@link #beforeBatch}.
 */
class CountingOutput implements CallEventOutput {

	private final String name;

	private final AtomicLong events = new AtomicLong();

	private final AtomicInteger batches = new AtomicInteger();

	private final AtomicLong inputTokens = new AtomicLong();

	private final AtomicLong outputTokens = new AtomicLong();

	private final AtomicReference<BigDecimal> cost = new AtomicReference<>(BigDecimal.ZERO);

	private final Set<UUID> ids = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	CountingOutput(String name) {
		this.name = name;
	}

	@Override
	public final void write(List<CallEvent> batch) throws Exception {
		beforeBatch(batch);
		for (CallEvent event : batch) {
			this.ids.add(event.id());
			this.inputTokens.addAndGet((event.inputTokens() != null) ? event.inputTokens() : 0);
			this.outputTokens.addAndGet((event.outputTokens() != null) ? event.outputTokens() : 0);
			if (event.costUsd() != null) {
				this.cost.accumulateAndGet(event.costUsd(), BigDecimal::add);
			}
		}
		this.events.addAndGet(batch.size());
		this.batches.incrementAndGet();
	}

	/** Runs before a batch is counted; a batch that throws here is not counted. */
	void beforeBatch(List<CallEvent> batch) throws Exception {
	}

	@Override
	public void close() {
		this.closed = true;
	}

	@Override
	public String name() {
		return this.name;
	}

	long events() {
		return this.events.get();
	}

	int batches() {
		return this.batches.get();
	}

	long inputTokens() {
		return this.inputTokens.get();
	}

	long outputTokens() {
		return this.outputTokens.get();
	}

	BigDecimal cost() {
		return this.cost.get();
	}

	int distinctIds() {
		return this.ids.size();
	}

	boolean isClosed() {
		return this.closed;
	}

}
