package io.tokensense.benchmarks;

import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.JdbcOutput;

/**
 * A benchmark's JDBC output and what undoes its trial (a dropped table, a deleted file), run
 * when the pipeline closes the output: the output itself only closes what it owns.
 *
 * @param output the output measured
 * @param cleanup run after the output closed
 */
record CleanedUpOutput(JdbcOutput output, AutoCloseable cleanup) implements CallEventOutput {

	@Override
	public void write(List<CallEvent> batch) throws Exception {
		this.output.write(batch);
	}

	@Override
	public void close() {
		try {
			this.output.close();
		}
		finally {
			try {
				this.cleanup.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cleaning up after the trial failed", ex);
			}
		}
	}

	@Override
	public String name() {
		return this.output.name();
	}

}
