package io.tokensense.internal.recording;

import java.time.Instant;
import java.util.concurrent.CancellationException;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.TokenSenseContext;
import io.tokensense.internal.provider.ResultReading;
import org.jspecify.annotations.Nullable;

/**
 * A call between its start and its end, bound to the {@link Recorder} it started on. Created
 * on the caller's thread, which is why it takes the thread's {@link TokenSenseContext} at once:
 * an async call or a stream may end on another thread. Ending it records one event; whatever
 * goes wrong while recording is counted by {@link RecordingFailures}, never thrown.
 *
 * <p>What describes the call (origin, request model, prompt) comes from the subclass, so that the
 * SDK proxy, which creates one per call on the caller's thread, adds no field to what it holds
 * anyway (its client and request).
 */
public abstract class StartedCall {

	private final Recorder recorder;

	private final String operation;

	private final boolean streamed;

	private final Instant timestamp;

	private final long startNanos;

	private final Attribution scope;

	/**
	 * Starts a call now; see {@link Recorder#start}.
	 */
	protected StartedCall(Recorder recorder, String operation, boolean streamed) {
		this.recorder = recorder;
		this.operation = operation;
		this.streamed = streamed;
		this.timestamp = Instant.now();
		this.startNanos = System.nanoTime();
		this.scope = TokenSenseContext.current();
	}

	public final Recorder recorder() {
		return this.recorder;
	}

	/** What the capture mechanism fixes for this call. */
	public abstract CallOrigin origin();

	public final String operation() {
		return this.operation;
	}

	/** The model the request asks for, read without throwing. */
	public abstract @Nullable String requestModel();

	public final boolean streamed() {
		return this.streamed;
	}

	public final Instant timestamp() {
		return this.timestamp;
	}

	/** {@link System#nanoTime()} at the start. */
	public final long startNanos() {
		return this.startNanos;
	}

	/** The caller's context when the call started. */
	public final Attribution scope() {
		return this.scope;
	}

	/** Whether the response text is to be read for this call. */
	public final boolean capturesResponses() {
		return this.recorder.capturesResponses(origin());
	}

	/** The request content, asked for only when prompt capture is on. */
	protected abstract @Nullable String prompt();

	/** Records a call that returned its result. */
	public final void succeeded(ResultReading reading) {
		ended(reading, CallStatus.SUCCESS, null, null);
	}

	/**
	 * Records a call that failed: {@code CANCELLED} for a cancelled future, else {@code ERROR}.
	 * @param httpStatus the provider's HTTP status carried by the error, or {@code null}
	 */
	public final void failed(Throwable error, @Nullable String httpStatus) {
		CallStatus status = (error instanceof CancellationException) ? CallStatus.CANCELLED : CallStatus.ERROR;
		end(ResultReading.EMPTY, status, ErrorTypes.of(error, httpStatus), null, error);
	}

	/**
	 * Records how the call ended. Never throws.
	 * @param reading what the response told, possibly {@link ResultReading#EMPTY}
	 * @param status how it ended
	 * @param errorType the HTTP status or the exception's class for an error, else {@code null}
	 * @param firstElementNanos streams: {@link System#nanoTime()} when the first element arrived
	 */
	public final void ended(ResultReading reading, CallStatus status, @Nullable String errorType,
			@Nullable Long firstElementNanos) {
		end(reading, status, errorType, firstElementNanos, null);
	}

	/**
	 * Records how the call ended; see {@link #ended(ResultReading, CallStatus, String, Long)}.
	 * @param failure what the call threw, when it failed
	 */
	public final void ended(ResultReading reading, CallStatus status, @Nullable String errorType,
			@Nullable Long firstElementNanos, Throwable failure) {
		end(reading, status, errorType, firstElementNanos, failure);
	}

	private void end(ResultReading reading, CallStatus status, @Nullable String errorType,
			@Nullable Long firstElementNanos, @Nullable Throwable failure) {
		long endNanos = System.nanoTime();
		try {
			CoveredCalls covered = this.recorder.covered();
			CallOrigin origin = origin();
			if (!origin.framework()) {
				covered.recordedBySdk(reading.requestId(), failure);
			}
			else if (covered.covers(reading.requestId(), failure)) {
				// the SDK client under the framework recorded this call, with its own reading
				return;
			}
			CallEvent event = CallEventFactory.build(this, reading, endNanos, status, errorType, firstElementNanos);
			this.recorder.countSpend(origin, event);
			this.recorder.sink().accept(event, origin.onEvent());
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	/** The request content for the event, guarded. */
	final @Nullable String promptOrNull() {
		try {
			return prompt();
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return null;
		}
	}

}
