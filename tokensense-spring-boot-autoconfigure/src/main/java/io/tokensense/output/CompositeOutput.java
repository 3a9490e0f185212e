package io.tokensense.output;

import java.util.List;
import java.util.stream.Collectors;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * Several outputs as one. Each batch goes to every output even when an earlier one throws;
 * the first failure is then thrown with the others attached as suppressed exceptions.
 *
 * <p>A pipeline retries a failed batch on the whole composite, so the outputs that
 * succeeded see the batch again: give the outputs to the pipeline one by one when they
 * should be retried independently.
 */
public final class CompositeOutput implements CallEventOutput {

	private final List<CallEventOutput> outputs;

	/**
	 * Creates a composite of the given outputs.
	 * @param outputs the outputs, written in this order
	 */
	public CompositeOutput(List<? extends CallEventOutput> outputs) {
		this.outputs = List.copyOf(outputs);
	}

	/**
	 * Creates a composite of the given outputs.
	 * @param outputs the outputs, written in this order
	 * @return the composite
	 */
	public static CompositeOutput of(CallEventOutput... outputs) {
		return new CompositeOutput(List.of(outputs));
	}

	/** The outputs, in the order they are written. */
	public List<CallEventOutput> outputs() {
		return this.outputs;
	}

	@Override
	public void write(List<CallEvent> batch) throws Exception {
		Failures failures = new Failures();
		for (CallEventOutput output : this.outputs) {
			try {
				output.write(batch);
			}
			catch (Throwable ex) {
				failures.add(ex);
			}
		}
		failures.throwIfAny();
	}

	@Override
	public void close() {
		Failures failures = new Failures();
		for (CallEventOutput output : this.outputs) {
			try {
				output.close();
			}
			catch (Throwable ex) {
				failures.add(ex);
			}
		}
		failures.throwUncheckedIfAny();
	}

	@Override
	public String name() {
		return this.outputs.stream().map(CallEventOutput::name).collect(Collectors.joining("+"));
	}

	/** Collects what the outputs threw; a {@link VirtualMachineError} is not held back. */
	private static final class Failures {

		private @Nullable Throwable first;

		void add(Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			if (this.first == null) {
				this.first = ex;
			}
			else if (this.first != ex) {
				this.first.addSuppressed(ex);
			}
		}

		void throwIfAny() throws Exception {
			if (this.first instanceof Exception ex) {
				throw ex;
			}
			throwUncheckedIfAny();
		}

		void throwUncheckedIfAny() {
			Throwable failure = this.first;
			if (failure instanceof RuntimeException ex) {
				throw ex;
			}
			if (failure instanceof Error error) {
				throw error;
			}
			if (failure != null) {
				throw new IllegalStateException("Closing an output failed", failure);
			}
		}

	}

}
