package io.tokensense.autoconfigure;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.tokensense.CallEvent;
import io.tokensense.internal.recording.EventSink;
import io.tokensense.internal.support.RateLimitedLogger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes each event as a Spring application event, on the thread that ended the call,
 * so applications can {@code @EventListener} a {@link CallEvent}. TokenSense's own listener
 * only puts it on the queue. Whatever a listener throws is counted and logged at most once a
 * minute; the caller never sees it.
 */
final class ApplicationEventSink implements EventSink {

	private static final RateLimitedLogger publishFailures = new RateLimitedLogger(
			LoggerFactory.getLogger(ApplicationEventSink.class), java.time.Duration.ofMinutes(1));

	private final ApplicationEventPublisher publisher;

	/** Callbacks of {@code ObserveOptions.onEvent}, waiting for the queueing listener. */
	private final Map<UUID, Consumer<CallEvent>> pendingCallbacks = new ConcurrentHashMap<>();

	ApplicationEventSink(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void accept(CallEvent event, @Nullable Consumer<CallEvent> onWritten) {
		if (onWritten != null) {
			this.pendingCallbacks.put(event.id(), onWritten);
		}
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			publishFailures.warn("An application listener of CallEvent threw {}; the LLM call was not affected",
					ex.getClass().getName());
		}
		finally {
			if (onWritten != null) {
				this.pendingCallbacks.remove(event.id());
			}
		}
	}

	/** The callback registered for an event, removed so that it is handed out once. */
	@Nullable Consumer<CallEvent> takeCallback(UUID eventId) {
		return this.pendingCallbacks.remove(eventId);
	}

}
