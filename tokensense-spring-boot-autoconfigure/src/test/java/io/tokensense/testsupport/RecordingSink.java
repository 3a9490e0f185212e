package io.tokensense.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.EventSink;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;
import org.jspecify.annotations.Nullable;

/** Keeps every event it receives, synchronously, so capture tests need no pipeline. */
public final class RecordingSink implements EventSink {

	private final List<CallEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void accept(CallEvent event, @Nullable Consumer<CallEvent> onWritten) {
		this.events.add(event);
		if (onWritten != null) {
			onWritten.accept(event);
		}
	}

	public List<CallEvent> events() {
		return List.copyOf(this.events);
	}

	/** The only event received; fails when there is not exactly one. */
	public CallEvent single() {
		if (this.events.size() != 1) {
			throw new AssertionError("expected exactly one event, got " + this.events.size() + ": " + this.events);
		}
		return this.events.get(0);
	}

	/** A route with the bundled prices, no defaults, delivering here. */
	public Supplier<Recorder> route() {
		return route(Attribution.NONE);
	}

	public Supplier<Recorder> route(Attribution defaults) {
		Recorder route = new Recorder(new CostCalculator(PriceCatalog.bundled()), defaults, false, false, this);
		return () -> route;
	}

}
