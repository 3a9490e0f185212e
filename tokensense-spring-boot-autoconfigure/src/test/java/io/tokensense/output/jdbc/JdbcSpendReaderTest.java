package io.tokensense.output.jdbc;

import java.time.Duration;
import java.time.Instant;

import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.BudgetWindow;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The budgets' shared spend before the jdbc output created its table: nothing spent yet,
 * rather than a failed read logged every refresh.
 */
class JdbcSpendReaderTest {

	private final Budget perUser = Budget.builder("per-user")
		.limit("1")
		.window(BudgetWindow.rolling(Duration.ofHours(1)))
		.scope(BudgetScope.USER)
		.build();

	@Test
	void readsNoSpendFromATableNotCreatedYetOnSqlite() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite()) {
			JdbcSpendReader reader = new JdbcSpendReader(database.dataSource(), TableName.of(database.uniqueTable()));
			assertThat(reader.spentSince(this.perUser, Instant.now().minusSeconds(60))).isEmpty();
		}
	}

	@Test
	void readsNoSpendFromATableNotCreatedYetOnH2() throws Exception {
		try (TestDatabase database = TestDatabase.h2()) {
			JdbcSpendReader reader = new JdbcSpendReader(database.dataSource(), TableName.of(database.uniqueTable()));
			assertThat(reader.spentSince(this.perUser, Instant.now().minusSeconds(60))).isEmpty();
		}
	}

	@Test
	void reportsAFailureOfAnExistingTableWithoutTheDriversMessage() {
		try (TestDatabase database = TestDatabase.h2()) {
			String table = database.uniqueTable();
			database.execute("CREATE TABLE " + table + " (secret_user_value VARCHAR(10))");
			JdbcSpendReader reader = new JdbcSpendReader(database.dataSource(), TableName.of(table));
			assertThatExceptionOfType(JdbcWriteException.class)
				.isThrownBy(() -> reader.spentSince(this.perUser, Instant.now().minusSeconds(60)))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("SQLState").doesNotContain("SECRET_USER_VALUE"));
		}
	}

}
