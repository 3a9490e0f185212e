package io.tokensense.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * What an application sees of TokenSense's events: those its {@code @EventListener} receives
 * on the caller's thread, and those its {@link CallEventOutput} bean is given by the pipeline.
 */
@Configuration(proxyBeanMethods = false)
class CollectedEvents {

	final List<CallEvent> published = new CopyOnWriteArrayList<>();

	final List<CallEvent> written = new CopyOnWriteArrayList<>();

	@EventListener
	void on(CallEvent event) {
		this.published.add(event);
	}

	@Bean
	CallEventOutput collectingOutput() {
		return this.written::addAll;
	}

}
