package io.tokensense.internal.pipeline;

import java.util.function.Consumer;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/** An event waiting in the queue, with what to call once the outputs have had it. */
record QueuedEvent(CallEvent event, @Nullable Consumer<CallEvent> onWritten) {

}
