package io.tokensense.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.CallEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CompositeOutputTest {

	private final List<String> calls = new ArrayList<>();

	@Test
	void writesToEveryOutputAndThrowsTheFirstFailureWithTheOthersSuppressed() {
		Exception first = new IllegalStateException("first");
		Exception second = new IOException("second");
		CompositeOutput composite = CompositeOutput.of(failing("a", first), recording("b"), failing("c", second),
				recording("d"));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> composite.write(List.of(EventBuilder.event().build())))
			.isSameAs(first)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).containsExactly(second));
		assertThat(this.calls).containsExactly("write a", "write b", "write c", "write d");
	}

	@Test
	void succeedsWhenEveryOutputDoes() throws Exception {
		CompositeOutput composite = CompositeOutput.of(recording("a"), recording("b"));
		composite.write(List.of(EventBuilder.event().build()));
		assertThat(this.calls).containsExactly("write a", "write b");
	}

	@Test
	void closesEveryOutputEvenWhenOneFails() {
		CallEventOutput failingClose = new CallEventOutput() {

			@Override
			public void write(List<CallEvent> batch) {
			}

			@Override
			public void close() {
				CompositeOutputTest.this.calls.add("close broken");
				throw new IllegalStateException("cannot close");
			}

		};
		CompositeOutput composite = CompositeOutput.of(failingClose, recording("b"));
		assertThatIllegalStateException().isThrownBy(composite::close).withMessage("cannot close");
		assertThat(this.calls).containsExactly("close broken", "close b");
	}

	@Test
	void isNamedAfterItsOutputs() {
		assertThat(CompositeOutput.of(new LogOutput(), new ConsoleOutput()).name()).isEqualTo("log+console");
	}

	private CallEventOutput recording(String name) {
		return failing(name, null);
	}

	private CallEventOutput failing(String name, Exception failure) {
		return new CallEventOutput() {

			@Override
			public void write(List<CallEvent> batch) throws Exception {
				CompositeOutputTest.this.calls.add("write " + name);
				if (failure != null) {
					throw failure;
				}
			}

			@Override
			public void close() {
				CompositeOutputTest.this.calls.add("close " + name);
			}

			@Override
			public String name() {
				return name;
			}

		};
	}

}
