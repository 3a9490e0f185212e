package io.tokensense.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;

/** An output that writes nothing and counts what it was given: the pipeline's cost alone. */
final class CountingOutput implements CallEventOutput {

	private final LongAdder written = new LongAdder();

	@Override
	public void write(List<CallEvent> batch) {
		this.written.add(batch.size());
	}

	long written() {
		return this.written.sum();
	}

	@Override
	public String name() {
		return "noop";
	}

}
