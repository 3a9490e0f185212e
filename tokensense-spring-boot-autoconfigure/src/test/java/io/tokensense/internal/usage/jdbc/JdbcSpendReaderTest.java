package io.tokensense.internal.usage.jdbc;

import java.time.Duration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.BudgetWindow;
import io.tokensense.internal.jdbc.JdbcWriteException;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.Events;
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

	@Test
	void countsATagOnlyWhereARowHoldsItAsAWholeTag() throws Exception {
		try (TestDatabase database = TestDatabase.h2()) {
			String table = database.uniqueTable();
			Instant now = Instant.now();
			JdbcOutput.builder(database.dataSource()).table(table).build().write(List.of(
					Events.priced(now, "gpt-4o-mini", "alice", 10, 5, "0.25", "b"),
					Events.priced(now, "gpt-4o-mini", "alice", 10, 5, "0.50", "a\"b"),
					Events.priced(now, "gpt-4o-mini", "alice", 10, 5, "1.00", "b", "c")));
			JdbcSpendReader reader = new JdbcSpendReader(database.dataSource(), TableName.of(table));
			Budget onTagB = Budget.builder("tag-b").limit("5").window(BudgetWindow.rolling(Duration.ofHours(1)))
				.scope(BudgetScope.TAG).match("b").build();
			Budget perTag = Budget.builder("per-tag").limit("5").window(BudgetWindow.rolling(Duration.ofHours(1)))
				.scope(BudgetScope.TAG).build();

			Map<String, BigDecimal> matched = reader.spentSince(onTagB, now.minusSeconds(60));
			Map<String, BigDecimal> byTag = reader.spentSince(perTag, now.minusSeconds(60));

			assertThat(matched).containsOnlyKeys("");
			assertThat(matched.get("")).isEqualByComparingTo("1.25");
			assertThat(byTag).containsOnlyKeys("b", "a\"b", "c");
			assertThat(byTag.get("b")).isEqualByComparingTo("1.25");
			assertThat(byTag.get("a\"b")).isEqualByComparingTo("0.50");
		}
	}

}
