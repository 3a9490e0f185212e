package io.tokensense.autoconfigure;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;

import com.openai.client.OpenAIClient;
import com.zaxxer.hikari.HikariDataSource;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.RawRowRetention;
import io.tokensense.internal.jdbc.SqliteDataSource;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.OutputState;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokenSenseJdbcAutoConfigurationTests {

	/** Listed before Boot's DataSource auto-configuration: the ordering must fix that. */
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseJdbcAutoConfiguration.class,
				TokenSenseAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("tokensense.queue.flush-interval=50ms");

	private final ApplicationContextRunner withoutDataSource = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseJdbcAutoConfiguration.class,
				TokenSenseAutoConfiguration.class))
		.withPropertyValues("tokensense.queue.flush-interval=50ms");

	@TempDir
	Path temp;

	@Test
	void writesToTheApplicationsDataSource() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(JdbcOutput.class);
			assertThat(context.getBean(JdbcOutput.class).dataSource()).isSameAs(context.getBean(DataSource.class));
			assertThat(context.getBean(EventPipeline.class).outputStates()).extracting(OutputState::name)
				.containsExactly("log", "jdbc");
		});
	}

	@Test
	void deletesOldRowsOnlyWhenARetentionIsSet() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RawRowRetention.class));
		this.contextRunner.withPropertyValues("tokensense.jdbc.retention=P90D").run((context) -> {
			assertThat(context).hasSingleBean(RawRowRetention.class);
			assertThat(context.getBean(RawRowRetention.class).cutoff())
				.isCloseTo(Instant.now().minus(Duration.ofDays(90)), within(1, ChronoUnit.MINUTES));
		});
	}

	@Test
	void writesEachCallOfAClientBeanAsARow() {
		this.contextRunner.withUserConfiguration(TokenSenseAutoConfigurationTests.OpenAiClientConfiguration.class)
			.withPropertyValues("tokensense.user-id=alice", "tokensense.tags=e2e")
			.run((context) -> {
				OpenAIClient client = context.getBean(OpenAIClient.class);
				for (int i = 0; i < 7; i++) {
					client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
				}
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(count(jdbc, "tokensense_calls")).isEqualTo(7));
				Map<String, Object> sums = jdbc.queryForMap("SELECT SUM(input_tokens) AS input_tokens, "
						+ "SUM(output_tokens) AS output_tokens, SUM(cost_usd) AS cost FROM tokensense_calls "
						+ "WHERE user_id = 'alice' AND tags = '[\"e2e\"]' AND request_id = 'chatcmpl-ctx'");
				assertThat(((Number) sums.get("input_tokens")).longValue()).isEqualTo(700);
				assertThat(((Number) sums.get("output_tokens")).longValue()).isEqualTo(350);
				assertThat(new BigDecimal(sums.get("cost").toString())).isEqualByComparingTo("0.000315");
			});
	}

	@Test
	void writesEachCallToItsOwnSqliteFileWithoutExposingADataSource() {
		Path file = this.temp.resolve("usage.db");
		this.withoutDataSource.withUserConfiguration(TokenSenseAutoConfigurationTests.OpenAiClientConfiguration.class)
			.withPropertyValues("tokensense.jdbc.url=jdbc:sqlite:" + file)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DataSource.class);
				assertThat(context.getBean(JdbcOutput.class).dataSource()).isInstanceOf(SqliteDataSource.class);
				OpenAIClient client = context.getBean(OpenAIClient.class);
				for (int i = 0; i < 3; i++) {
					client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
				}
				JdbcTemplate jdbc = new JdbcTemplate(new SqliteDataSource(file.toString()));
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(count(jdbc, "tokensense_calls")).isEqualTo(3));
			});
	}

	@Test
	void writesEachCallThroughItsOwnPoolOnPostgres() {
		TestDatabase postgres = TestDatabase.orSkip(
				TestDatabase.fromEnvironment(TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL),
				TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
		try (postgres) {
			String table = postgres.uniqueTable();
			this.withoutDataSource.withUserConfiguration(TokenSenseAutoConfigurationTests.OpenAiClientConfiguration.class)
				.withPropertyValues("tokensense.jdbc.url=" + System.getenv(TestDatabase.POSTGRES_URL),
						"tokensense.jdbc.table=" + table)
				.run((context) -> {
					assertThat(context.getBean(JdbcOutput.class).dataSource()).isInstanceOf(HikariDataSource.class);
					OpenAIClient client = context.getBean(OpenAIClient.class);
					for (int i = 0; i < 4; i++) {
						client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
					}
					JdbcTemplate jdbc = new JdbcTemplate(postgres.dataSource());
					Awaitility.await()
						.atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(count(jdbc, table)).isEqualTo(4));
				});
		}
	}

	@Test
	void prefersItsOwnUrlAndLeavesTheApplicationsDataSourceAlone() {
		this.contextRunner.withPropertyValues("tokensense.jdbc.url=jdbc:sqlite:" + this.temp.resolve("own.db"))
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class);
				assertThat(context.getBean(JdbcOutput.class).dataSource()).isInstanceOf(SqliteDataSource.class);
			});
	}

	@Test
	void startsWhileItsDatabaseIsUnreachableAndClosesItsPoolOnShutdown() {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.withoutDataSource.withPropertyValues("tokensense.jdbc.url=jdbc:postgresql://127.0.0.1:1/none?user=x")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JdbcOutput.class);
				pool[0] = (HikariDataSource) context.getBean(JdbcOutput.class).dataSource();
			});
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Test
	void givesItsOwnPoolShortTimeoutsSoThatADeadDatabaseFailsAWriteWithinSeconds() {
		this.withoutDataSource.withPropertyValues("tokensense.jdbc.url=jdbc:postgresql://127.0.0.1:1/none?user=x")
			.run((context) -> {
				HikariDataSource pool = (HikariDataSource) context.getBean(JdbcOutput.class).dataSource();
				assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
				assertThat(pool.getValidationTimeout()).isEqualTo(2_000);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
				assertThat(pool.getPoolName()).isEqualTo("tokensense-jdbc");
			});
	}

	@Test
	void startsWhileTheApplicationsDatabaseIsUnreachable() {
		this.contextRunner.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none?user=x")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcOutput.class));
	}

	@Test
	void backsOffWithoutADatabase() {
		this.withoutDataSource.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(JdbcOutput.class);
		});
	}

	@Test
	void refusesToStartWhenJdbcIsNamedWithoutADatabase() {
		this.withoutDataSource.withPropertyValues("tokensense.outputs=log,jdbc")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tokensense.outputs")
				.hasMessageContaining("jdbc"));
	}

	@Test
	void refusesToStartWithAnInvalidTableNamingTheProperty() {
		this.contextRunner.withPropertyValues("tokensense.jdbc.table=calls;drop table users")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tokensense.jdbc.table"));
	}

	@Test
	void backsOffWhenTheOutputsDoNotNameJdbc() {
		this.contextRunner.withPropertyValues("tokensense.outputs=log")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcOutput.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcOutput.class));
	}

	@Test
	void backsOffWithoutSpringJdbc() {
		this.withoutDataSource.withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
			.withPropertyValues("tokensense.jdbc.url=jdbc:sqlite:" + this.temp.resolve("none.db"))
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcOutput.class));
	}

	@Test
	void usesTheApplicationsOwnJdbcOutput() {
		this.contextRunner.withUserConfiguration(CustomOutputConfiguration.class)
			.run((context) -> assertThat(context.getBean(JdbcOutput.class))
				.isSameAs(context.getBean(CustomOutputConfiguration.class).output));
	}

	@Test
	void leavesTheSchemaAloneWhenToldNever() {
		this.contextRunner.withUserConfiguration(TokenSenseAutoConfigurationTests.OpenAiClientConfiguration.class)
			.withPropertyValues("tokensense.jdbc.initialize-schema=never")
			.run((context) -> {
				context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
				EventPipeline pipeline = context.getBean(EventPipeline.class);
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(pipeline.outputStates())
						.filteredOn((state) -> state.name().equals("jdbc"))
						.singleElement()
						.satisfies((state) -> assertThat(state.up()).isFalse()));
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
						+ "WHERE TABLE_NAME = 'TOKENSENSE_CALLS'", Long.class)).isZero();
			});
	}

	/** The table's rows, or -1 while it does not exist yet (it appears with the first batch); any error fails. */
	private static long count(JdbcTemplate jdbc, String table) {
		Boolean exists = jdbc.execute((ConnectionCallback<Boolean>) (connection) -> {
			try (ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] { "TABLE" })) {
				while (tables.next()) {
					if (table.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
						return true;
					}
				}
				return false;
			}
		});
		if (!Boolean.TRUE.equals(exists)) {
			return -1;
		}
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		return (count != null) ? count : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomOutputConfiguration {

		final JdbcOutput output = JdbcOutput.sqlite("unused.db");

		@Bean
		JdbcOutput customJdbcOutput() {
			return this.output;
		}

	}

}
