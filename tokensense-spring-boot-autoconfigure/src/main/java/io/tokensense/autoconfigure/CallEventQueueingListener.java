package io.tokensense.autoconfigure;

import io.tokensense.CallEvent;
import io.tokensense.pipeline.EventPipeline;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * TokenSense's own listener of {@link CallEvent}s: it only offers the event to the bounded
 * queue, which never blocks (a full queue counts the event as dropped).
 */
final class CallEventQueueingListener implements ApplicationListener<PayloadApplicationEvent<CallEvent>> {

	private final EventPipeline pipeline;

	private final ApplicationEventSink sink;

	CallEventQueueingListener(EventPipeline pipeline, ApplicationEventSink sink) {
		this.pipeline = pipeline;
		this.sink = sink;
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<CallEvent> event) {
		CallEvent callEvent = event.getPayload();
		this.pipeline.offer(callEvent, this.sink.takeCallback(callEvent.id()));
	}

}
