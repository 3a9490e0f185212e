package io.tokensense.internal.recording;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/** A call started through {@link Recorder#start}, which is told everything about the call at once. */
final class FrameworkCall extends StartedCall {

	private final CallOrigin origin;

	private final @Nullable String requestModel;

	private final @Nullable Supplier<@Nullable String> prompt;

	FrameworkCall(Recorder recorder, CallOrigin origin, String operation, @Nullable String requestModel,
			@Nullable Supplier<@Nullable String> prompt, boolean streamed) {
		super(recorder, operation, streamed);
		this.origin = origin;
		this.requestModel = requestModel;
		this.prompt = prompt;
	}

	@Override
	public CallOrigin origin() {
		return this.origin;
	}

	@Override
	public @Nullable String requestModel() {
		return this.requestModel;
	}

	@Override
	protected @Nullable String prompt() {
		return (this.prompt != null) ? this.prompt.get() : null;
	}

}
