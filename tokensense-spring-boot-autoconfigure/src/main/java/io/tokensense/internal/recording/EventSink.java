package io.tokensense.internal.recording;

import java.util.function.Consumer;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * Where finished calls go: the application's pipeline inside Spring, a plain-Java
 * pipeline outside it. Called on the thread that finished the call, so it must hand off
 * quickly and must not throw.
 */
@FunctionalInterface
public interface EventSink {

	/**
	 * Accepts an event.
	 * @param event the finished call
	 * @param onWritten called once the outputs have written the event, or {@code null}
	 */
	void accept(CallEvent event, @Nullable Consumer<CallEvent> onWritten);

}
