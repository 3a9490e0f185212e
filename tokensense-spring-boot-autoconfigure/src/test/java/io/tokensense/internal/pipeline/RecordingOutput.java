package io.tokensense.internal.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;

/**
 * Records every batch it is given. Can be made to hold its first write until released,
 * and to fail a number of writes before it succeeds.
 */
class RecordingOutput implements CallEventOutput {

	final List<List<CallEvent>> batches = new CopyOnWriteArrayList<>();

	final Set<UUID> ids = ConcurrentHashMap.newKeySet();

	final CountDownLatch firstWriteEntered = new CountDownLatch(1);

	final CountDownLatch closed = new CountDownLatch(1);

	final AtomicInteger attempts = new AtomicInteger();

	private final String name;

	private final CountDownLatch release;

	private final AtomicInteger failuresLeft;

	RecordingOutput(String name) {
		this(name, 0, 0);
	}

	/**
	 * @param gated whether the first write waits for {@link #release()}
	 * @param failures how many writes throw before writes succeed
	 */
	private RecordingOutput(String name, int gated, int failures) {
		this.name = name;
		this.release = new CountDownLatch(gated);
		this.failuresLeft = new AtomicInteger(failures);
	}

	static RecordingOutput gated(String name) {
		return new RecordingOutput(name, 1, 0);
	}

	static RecordingOutput failingTimes(String name, int failures) {
		return new RecordingOutput(name, 0, failures);
	}

	void release() {
		this.release.countDown();
	}

	@Override
	public void write(List<CallEvent> batch) throws Exception {
		this.attempts.incrementAndGet();
		this.firstWriteEntered.countDown();
		if (!this.release.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Never released");
		}
		if (this.failuresLeft.getAndDecrement() > 0) {
			throw new IOException("Simulated failure");
		}
		this.batches.add(List.copyOf(batch));
		batch.forEach((event) -> this.ids.add(event.id()));
	}

	List<CallEvent> events() {
		List<CallEvent> events = new ArrayList<>();
		this.batches.forEach(events::addAll);
		return events;
	}

	@Override
	public void close() {
		this.closed.countDown();
	}

	@Override
	public String name() {
		return this.name;
	}

}
