package io.tokensense.internal.jdbc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaScriptsTest {

	@Test
	void shipsAScriptPerDialectForTheDefaultTable() {
		for (JdbcDialect dialect : JdbcDialect.values()) {
			List<String> statements = SchemaScripts.statements(dialect, TableName.of("tokensense_calls"));
			assertThat(statements.get(0)).as(dialect.name()).startsWith("CREATE TABLE IF NOT EXISTS tokensense_calls (");
			assertThat(String.join("\n", statements)).as(dialect.name())
				.contains("tokensense_calls_timestamp_idx", "tokensense_calls_user_id_idx",
						"tokensense_calls_session_id_idx");
		}
	}

	@Test
	void putsTheConfiguredTableAndItsIndexNamesIn() {
		String postgres = String.join("\n", SchemaScripts.statements(JdbcDialect.POSTGRESQL, TableName.of("app.calls")));
		assertThat(postgres)
			.contains("CREATE TABLE IF NOT EXISTS app.calls (",
					"CREATE INDEX IF NOT EXISTS calls_timestamp_idx ON app.calls (timestamp)")
			.doesNotContain("tokensense_calls");
	}

	@Test
	void namesTheSchemaOnTheIndexWhereSqliteExpectsIt() {
		String sqlite = String.join("\n", SchemaScripts.statements(JdbcDialect.SQLITE, TableName.of("aux.calls")));
		assertThat(sqlite).contains("CREATE INDEX IF NOT EXISTS aux.calls_user_id_idx ON calls (user_id)");
	}

	@Test
	void dropsComments() {
		assertThat(SchemaScripts.statements(JdbcDialect.MYSQL, TableName.of("calls"))).hasSize(6)
			.noneMatch((statement) -> statement.contains("--"));
	}

	@Test
	void createsTheRollupsBesideTheConfiguredTable() {
		for (JdbcDialect dialect : JdbcDialect.values()) {
			List<String> statements = SchemaScripts.statements(dialect, TableName.of("app.calls"));
			assertThat(statements).as(dialect.name())
				.filteredOn((statement) -> statement.startsWith("CREATE TABLE IF NOT EXISTS app.calls_"))
				.satisfiesExactly(
						(hourly) -> assertThat(hourly).startsWith("CREATE TABLE IF NOT EXISTS app.calls_hourly (")
							.contains("user_id", "request_model", "PRIMARY KEY (hour_start, key_hash)"),
						(models) -> assertThat(models).startsWith("CREATE TABLE IF NOT EXISTS app.calls_hourly_models (")
							.contains("request_model", "PRIMARY KEY (hour_start, key_hash)")
							.doesNotContain("user_id"),
						(users) -> assertThat(users).startsWith("CREATE TABLE IF NOT EXISTS app.calls_daily_users (")
							.contains("user_id", "PRIMARY KEY (day_start, key_hash)")
							.doesNotContain("request_model"),
						(runningTotals) -> assertThat(runningTotals).startsWith("CREATE TABLE IF NOT EXISTS app.calls_users (")
							.contains("key_hash", "user_id", "first_checkpoint", "last_checkpoint", "PRIMARY KEY"),
						(checkpoints) -> assertThat(checkpoints)
							.startsWith("CREATE TABLE IF NOT EXISTS app.calls_user_checkpoints (")
							.contains("PRIMARY KEY (checkpoint_at, key_hash)"));
		}
		assertThat(String.join("\n", SchemaScripts.statements(JdbcDialect.POSTGRESQL, TableName.of("app.calls")))).contains(
				"CREATE INDEX IF NOT EXISTS calls_hourly_hour_start_idx ON app.calls_hourly (hour_start)",
				"CREATE INDEX IF NOT EXISTS calls_hourly_models_hour_start_idx ON app.calls_hourly_models (hour_start)",
				"CREATE INDEX IF NOT EXISTS calls_daily_users_day_start_idx ON app.calls_daily_users (day_start)",
				"CREATE INDEX IF NOT EXISTS calls_user_checkpoints_key_hash_idx ON app.calls_user_checkpoints "
						+ "(key_hash, checkpoint_at)");
		assertThat(String.join("\n", SchemaScripts.statements(JdbcDialect.MYSQL, TableName.of("app.calls"))))
			.contains("INDEX calls_user_checkpoints_key_hash_idx (key_hash, checkpoint_at)");
		assertThat(TableName.of("x".repeat(60)).hourly().name()).hasSizeLessThanOrEqualTo(63).endsWith("_hourly");
		assertThat(Rollup.DAILY_USERS.table(TableName.of("x".repeat(60))).name()).hasSizeLessThanOrEqualTo(63)
			.endsWith("_daily_users");
	}

}
