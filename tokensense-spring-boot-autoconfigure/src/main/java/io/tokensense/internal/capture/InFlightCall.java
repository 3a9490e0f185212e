package io.tokensense.internal.capture;

import io.tokensense.internal.recording.CallOrigin;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.StartedCall;
import org.jspecify.annotations.Nullable;

/**
 * A call made through an observed SDK client, between its start and its end: a
 * {@link StartedCall} described by its client and its request, read only when the call is
 * recorded (the prompt only if content capture asks for it).
 */
final class InFlightCall extends StartedCall {

	private final ObservedClient client;

	private final @Nullable Object params;

	private InFlightCall(Recorder recorder, ObservedClient client, String operation, @Nullable Object params,
			boolean streamed) {
		super(recorder, operation, streamed);
		this.client = client;
		this.params = params;
	}

	static InFlightCall start(Recorder recorder, ObservedClient client, String operation,
			@Nullable Object @Nullable [] args, boolean streamed) {
		Object params = (args != null && args.length > 0) ? args[0] : null;
		return new InFlightCall(recorder, client, operation, params, streamed);
	}

	ObservedClient client() {
		return this.client;
	}

	@Override
	public CallOrigin origin() {
		return this.client.origin();
	}

	@Override
	public @Nullable String requestModel() {
		return this.client.adapter().requestModel(this.params);
	}

	@Override
	protected @Nullable String prompt() {
		return this.client.adapter().prompt(this.params);
	}

	/** Records a call that failed, with the SDK's HTTP status when its error carries one. */
	void failed(Throwable error) {
		failed(error, this.client.adapter().httpStatus(error));
	}

}
