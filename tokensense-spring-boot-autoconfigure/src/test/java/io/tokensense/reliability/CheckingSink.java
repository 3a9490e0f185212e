package io.tokensense.reliability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.EventSink;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;
import org.jspecify.annotations.Nullable;

/** Counts the events it receives and keeps the last one, without keeping them all. */
final class CheckingSink implements EventSink {

	private final AtomicLong count = new AtomicLong();

	private volatile @Nullable CallEvent last;

	private final Recorder route = new Recorder(new CostCalculator(PriceCatalog.bundled()), Attribution.NONE,
			false, false, this);

	@Override
	public void accept(CallEvent event, @Nullable Consumer<CallEvent> onWritten) {
		this.last = event;
		this.count.incrementAndGet();
	}

	long count() {
		return this.count.get();
	}

	@Nullable CallEvent last() {
		return this.last;
	}

	Supplier<Recorder> route() {
		return () -> this.route;
	}

}
