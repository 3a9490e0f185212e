package io.tokensense.internal.recording;

import java.util.Map;

import io.tokensense.output.CompositeOutput;
import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.JdbcOutput;
import io.tokensense.output.LogOutput;
import io.tokensense.internal.jdbc.SqliteDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainPipelinesTest {

	@Test
	void logsJsonInProduction() {
		assertThat(PlainPipelines.defaultOutput(Map.of("ENV", "production"), true)).isInstanceOf(LogOutput.class);
		assertThat(PlainPipelines.defaultOutput(Map.of("ENVIRONMENT", "Production"), true))
			.isInstanceOf(LogOutput.class);
		assertThat(PlainPipelines.defaultOutput(Map.of("APP_ENV", "production"), false)).isInstanceOf(LogOutput.class);
	}

	@Test
	void printsToTheConsoleElsewhere() {
		assertThat(PlainPipelines.defaultOutput(Map.of(), false)).isInstanceOf(ConsoleOutput.class);
		assertThat(PlainPipelines.defaultOutput(Map.of("ENV", "staging"), false)).isInstanceOf(ConsoleOutput.class);
	}

	@Test
	void alsoKeepsARowPerCallInTokensenseDbWhenSqliteIsPresent() {
		assertThat(PlainPipelines.defaultOutput(Map.of("ENV", "staging"), true)).isInstanceOf(CompositeOutput.class)
			.satisfies((output) -> assertThat(((CompositeOutput) output).outputs()).satisfiesExactly(
					(console) -> assertThat(console).isInstanceOf(ConsoleOutput.class),
					(jdbc) -> assertThat(((JdbcOutput) jdbc).dataSource()).isInstanceOfSatisfying(
							SqliteDataSource.class,
							(dataSource) -> assertThat(dataSource.url()).isEqualTo("jdbc:sqlite:./tokensense.db"))));
	}

	@Test
	void findsTheSqliteDriverOnTheTestClassPath() {
		assertThat(SqliteDataSource.isDriverPresent()).isTrue();
	}

}
