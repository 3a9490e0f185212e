package io.tokensense.output;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each built-in output answers the name the registry gives it, which the routing accepts. */
class BuiltInOutputTest {

	@Test
	void eachOutputIsNamedByTheRegistry() {
		assertThat(new LogOutput().name()).isEqualTo("log");
		assertThat(new ConsoleOutput().name()).isEqualTo("console");
		assertThat(JdbcOutput.sqlite("./never-written.db").name()).isEqualTo("jdbc");
		assertThat(new MicrometerOutput(new SimpleMeterRegistry()).name()).isEqualTo("micrometer");
		assertThat(BuiltInOutput.names()).containsExactly("log", "console", "jdbc", "micrometer");
	}

	@Test
	void readsNamesAsThePropertyWritesThem() {
		assertThat(BuiltInOutput.named(" JDBC ")).contains(BuiltInOutput.JDBC);
		assertThat(BuiltInOutput.named("carrier-pigeon")).isEmpty();
	}

	@Test
	void saysWhatAMissingOutputNeeds() {
		assertThat(BuiltInOutput.MICROMETER.missingMessage()).isEqualTo("tokensense.outputs names 'micrometer', but "
				+ "it could not be set up: it needs Micrometer on the class path and a MeterRegistry bean");
		assertThat(BuiltInOutput.LOG.needsSetup()).isFalse();
		assertThat(BuiltInOutput.JDBC.needsSetup()).isTrue();
	}

}
