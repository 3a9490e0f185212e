package io.tokensense.autoconfigure;

import io.tokensense.CallEvent;
import io.tokensense.internal.pipeline.EventPipeline;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.Ordered;

/**
 * TokenSense's own listener of {@link CallEvent}s: it only offers the event to the bounded
 * queue, which never blocks (a full queue counts the event as dropped).
 */
final class CallEventQueueingListener implements ApplicationListener<PayloadApplicationEvent<CallEvent>>, Ordered {

	private final EventPipeline pipeline;

	private final ApplicationEventSink sink;

	CallEventQueueingListener(EventPipeline pipeline, ApplicationEventSink sink) {
		this.pipeline = pipeline;
		this.sink = sink;
	}

	/** First: a user listener that throws must not keep the event from the outputs. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<CallEvent> event) {
		CallEvent callEvent = event.getPayload();
		this.pipeline.offer(callEvent, this.sink.takeCallback(callEvent.id()));
	}

}
