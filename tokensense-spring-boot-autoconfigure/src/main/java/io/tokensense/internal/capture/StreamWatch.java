package io.tokensense.internal.capture;

import java.util.concurrent.atomic.AtomicBoolean;

import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.provider.StreamAccumulator;
import io.tokensense.internal.recording.RecordingFailures;
import org.jspecify.annotations.Nullable;

/**
 * Watches the elements of one streamed call, blocking or async, and records the call once, at
 * whichever comes first: the stream runs out ({@code SUCCESS}), fails ({@code ERROR}), or is
 * closed or abandoned before its end ({@code CANCELLED}); each with the usage seen until then.
 * Elements may arrive on another thread than the end, so the accumulator is read under a lock.
 */
final class StreamWatch {

	private final InFlightCall call;

	private final StreamAccumulator accumulator;

	private final @Nullable String fallbackRequestId;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile @Nullable Long firstElementNanos;

	private StreamWatch(InFlightCall call, StreamAccumulator accumulator, @Nullable String fallbackRequestId) {
		this.call = call;
		this.accumulator = accumulator;
		this.fallbackRequestId = fallbackRequestId;
	}

	/**
	 * A watch of one call's stream.
	 * @param fallbackRequestId the request id for the event when no element carries one (a raw
	 * response's header), or {@code null}
	 */
	static StreamWatch of(InFlightCall call, @Nullable String fallbackRequestId) {
		return new StreamWatch(call, call.client().adapter().newStreamAccumulator(call.capturesResponses()),
				fallbackRequestId);
	}

	void element(Object element) {
		if (this.firstElementNanos == null) {
			this.firstElementNanos = System.nanoTime();
		}
		try {
			synchronized (this.accumulator) {
				this.accumulator.accept(element);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	void exhausted() {
		end(null, false);
	}

	void failed(Throwable error) {
		end(error, false);
	}

	void cancelled() {
		end(null, true);
	}

	private void end(@Nullable Throwable error, boolean cancelled) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		CallRecorder.endStream(this.call, reading(), this.firstElementNanos, error, cancelled);
	}

	private ResultReading reading() {
		try {
			ResultReading reading;
			synchronized (this.accumulator) {
				reading = this.accumulator.reading();
			}
			return reading.withRequestIdIfAbsent(this.fallbackRequestId);
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return ResultReading.EMPTY;
		}
	}

}
