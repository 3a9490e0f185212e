package io.tokensense.capture;

import java.util.Map;

import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.LogOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainPipelinesTest {

	@Test
	void logsJsonInProduction() {
		assertThat(PlainPipelines.defaultOutput(Map.of("ENV", "production"))).isInstanceOf(LogOutput.class);
		assertThat(PlainPipelines.defaultOutput(Map.of("ENVIRONMENT", "Production"))).isInstanceOf(LogOutput.class);
		assertThat(PlainPipelines.defaultOutput(Map.of("APP_ENV", "production"))).isInstanceOf(LogOutput.class);
	}

	@Test
	void printsToTheConsoleElsewhere() {
		assertThat(PlainPipelines.defaultOutput(Map.of())).isInstanceOf(ConsoleOutput.class);
		assertThat(PlainPipelines.defaultOutput(Map.of("ENV", "staging"))).isInstanceOf(ConsoleOutput.class);
	}

}
