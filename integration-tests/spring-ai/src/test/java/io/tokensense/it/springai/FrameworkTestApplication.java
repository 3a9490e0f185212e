package io.tokensense.it.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The application of the framework tests: Spring AI's starters, TokenSense, and an output that keeps events. */
@SpringBootApplication
class FrameworkTestApplication {

	@Bean
	CapturingOutput capturingOutput() {
		return new CapturingOutput();
	}

	/** Keeps every event the pipeline writes. */
	static final class CapturingOutput implements CallEventOutput {

		private final List<CallEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void write(List<CallEvent> batch) {
			this.events.addAll(batch);
		}

		List<CallEvent> events() {
			return List.copyOf(this.events);
		}

		void clear() {
			this.events.clear();
		}

	}

}
