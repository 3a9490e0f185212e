package io.tokensense.internal.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JdbcDialectTest {

	@Test
	void recognisesEachDatabaseByItsProductName() {
		assertThat(JdbcDialect.of("PostgreSQL")).isEqualTo(JdbcDialect.POSTGRESQL);
		assertThat(JdbcDialect.of("MySQL")).isEqualTo(JdbcDialect.MYSQL);
		assertThat(JdbcDialect.of("MariaDB")).isEqualTo(JdbcDialect.MYSQL);
		assertThat(JdbcDialect.of("H2")).isEqualTo(JdbcDialect.H2);
		assertThat(JdbcDialect.of("SQLite")).isEqualTo(JdbcDialect.SQLITE);
	}

	@Test
	void refusesOtherDatabasesSayingWhichAreSupported() {
		assertThatIllegalStateException().isThrownBy(() -> JdbcDialect.of("Oracle"))
			.withMessageContaining("PostgreSQL")
			.withMessageContaining("Oracle");
	}

	@Test
	void skipsRowsWhoseIdIsAlreadyThere() {
		TableName table = TableName.of("calls");
		assertThat(JdbcDialect.POSTGRESQL.insertSql(table)).endsWith("ON CONFLICT (id) DO NOTHING");
		assertThat(JdbcDialect.SQLITE.insertSql(table)).endsWith("ON CONFLICT (id) DO NOTHING");
		assertThat(JdbcDialect.MYSQL.insertSql(table)).endsWith("ON DUPLICATE KEY UPDATE id = id");
		assertThat(JdbcDialect.H2.insertSql(table)).startsWith("MERGE INTO calls (").contains("KEY (id)");
	}

}
