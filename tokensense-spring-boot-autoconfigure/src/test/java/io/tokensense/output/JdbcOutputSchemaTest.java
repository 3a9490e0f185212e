package io.tokensense.output;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.tokensense.testsupport.TableRows;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** When the schema is created: on the first write that reaches the database, in any schema. */
class JdbcOutputSchemaTest {

	private final TestDatabase database = TestDatabase.h2();

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void createsTheTableOnceTheDatabaseIsBack() throws Exception {
		AtomicBoolean down = new AtomicBoolean(true);
		DataSource flaky = new DelegatingDataSource(this.database.dataSource()) {
			@Override
			public Connection getConnection() throws SQLException {
				if (down.get()) {
					throw new SQLException("Connection refused");
				}
				return super.getConnection();
			}
		};
		String table = this.database.uniqueTable();
		JdbcOutput output = JdbcOutput.builder(flaky).table(table).build();

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> output.write(JdbcTestEvents.events(2)));
		down.set(false);
		output.write(JdbcTestEvents.events(2));

		assertThat(TableRows.read(this.database, table)).hasSize(2);
	}

	@Test
	void writesToASchemaQualifiedTable() throws Exception {
		this.database.execute("CREATE SCHEMA IF NOT EXISTS analytics");
		JdbcOutput output = JdbcOutput.builder(this.database.dataSource()).table("analytics.llm_calls").build();
		output.write(JdbcTestEvents.events(3));

		assertThat(TableRows.read(this.database, "analytics.llm_calls")).hasSize(3);
		assertThat(output.table().qualified()).isEqualTo("analytics.llm_calls");
	}

	@Test
	void closesWhatItOwnsOnce() {
		int[] closes = { 0 };
		JdbcOutput output = JdbcOutput.builder(new ClosingDataSource(this.database.dataSource(), closes))
			.table("calls")
			.closeDataSource(true)
			.build();
		output.close();
		output.close();

		assertThat(closes[0]).isEqualTo(1);
	}

	@Test
	void leavesADataSourceItDoesNotOwnOpen() {
		int[] closes = { 0 };
		JdbcOutput output = JdbcOutput.builder(new ClosingDataSource(this.database.dataSource(), closes)).build();
		output.close();

		assertThat(closes[0]).isZero();
	}

	@Test
	void refusesAnInvalidTableNamingTheProperty() {
		assertThat(List.of("drop table x", "a.b.c")).allSatisfy((table) -> assertThatExceptionOfType(
				IllegalStateException.class)
			.isThrownBy(() -> JdbcOutput.builder(this.database.dataSource()).table(table).build())
			.withMessageContaining("tokensense.jdbc.table"));
	}

	/** A pool-like data source: closeable, counting its closes. */
	private static final class ClosingDataSource extends DelegatingDataSource implements AutoCloseable {

		private final int[] closes;

		ClosingDataSource(DataSource target, int[] closes) {
			super(target);
			this.closes = closes;
		}

		@Override
		public void close() {
			this.closes[0]++;
		}

	}

}
