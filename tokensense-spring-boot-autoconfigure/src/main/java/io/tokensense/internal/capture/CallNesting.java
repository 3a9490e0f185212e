package io.tokensense.internal.capture;

import org.jspecify.annotations.Nullable;

/**
 * The observing layers a billed call is passing through on this thread. A client can be
 * observed twice with a foreign proxy between the two layers (a bean that decorates
 * {@code TokenSense.observe(...)} and is wrapped again by the bean post-processor, an
 * OpenTelemetry wrapper, ...); neither layer can see the other through that proxy, but both
 * run on the caller's thread, one inside the other. The innermost layer records the call,
 * with the settings of the layers around it over its own, and tells them so: they then hand
 * the SDK's result back without recording it again. One call, one event, whatever wraps what.
 *
 * <p>One instance per thread, reused for every call: nothing is allocated per call.
 */
final class CallNesting {

	private static final ThreadLocal<CallNesting> CURRENT = ThreadLocal.withInitial(CallNesting::new);

	/** The layers around the call in progress, merged; {@code null} outside any billed call. */
	private @Nullable ObservedClient around;

	/** Whether a layer inside the one now running recorded the call. */
	private boolean recordedInside;

	private CallNesting() {
	}

	static CallNesting current() {
		return CURRENT.get();
	}

	/** Whether an observing layer inside the current one has recorded the call in progress. */
	static boolean recordedInside() {
		return CURRENT.get().recordedInside;
	}

	@Nullable ObservedClient around() {
		return this.around;
	}

	/** A layer starts a billed call, observing it as {@code client}. */
	void enter(ObservedClient client) {
		this.around = client;
		this.recordedInside = false;
	}

	/**
	 * The layer that entered with {@code around} as the layers around it is done: those layers
	 * now know the call is recorded.
	 */
	void exit(@Nullable ObservedClient around) {
		this.around = around;
		this.recordedInside = (around != null);
	}

}
