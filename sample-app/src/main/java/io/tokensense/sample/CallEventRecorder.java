package io.tokensense.sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.tokensense.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Listens to the {@link CallEvent}s TokenSense publishes, logs a one-line summary of each
 * and keeps the most recent ones so the demo can answer with what a call cost.
 *
 * <p>TokenSense publishes on the calling thread before the SDK call returns, so the event
 * of a call is here by the time its caller looks for it.
 */
@Component
public class CallEventRecorder {

	/** Enough for a demo; older events are in TokenSense's own outputs. */
	static final int CAPACITY = 100;

	private static final Logger logger = LoggerFactory.getLogger(CallEventRecorder.class);

	private final Deque<CallEvent> events = new ArrayDeque<>(CAPACITY);

	@EventListener
	void on(CallEvent event) {
		logger.info("{} {} {} for user={}: in={} out={} tokens, cost=${} ({}), {} ms, requestId={}",
				event.provider(), event.operation(), event.requestModel(), event.userId(), event.inputTokens(),
				event.outputTokens(), event.costUsd(), event.pricingStatus(), event.latency().toMillis(),
				event.requestId());
		synchronized (this.events) {
			if (this.events.size() == CAPACITY) {
				this.events.removeFirst();
			}
			this.events.addLast(event);
		}
	}

	/** The most recent event whose provider request id is {@code requestId}. */
	public Optional<CallEvent> findByRequestId(String requestId) {
		synchronized (this.events) {
			Iterator<CallEvent> newestFirst = this.events.descendingIterator();
			while (newestFirst.hasNext()) {
				CallEvent event = newestFirst.next();
				if (requestId.equals(event.requestId())) {
					return Optional.of(event);
				}
			}
			return Optional.empty();
		}
	}

	/** The remembered events, oldest first. */
	public List<CallEvent> events() {
		synchronized (this.events) {
			return new ArrayList<>(this.events);
		}
	}

}
