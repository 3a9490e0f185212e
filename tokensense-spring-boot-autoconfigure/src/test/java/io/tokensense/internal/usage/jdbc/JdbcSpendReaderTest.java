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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The budgets' shared spend before the jdbc output created its table: nothing spent yet,
 * rather than a failed read logged every refresh; tags as whole elements; and whole hours read
 * from the roll-ups (the contract that both paths agree is {@link JdbcSpendReaderContractTest}).
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

	@Test
	void readsWholeHoursFromTheRollupsAndSessionsAndTagsFromTheRows() throws Exception {
		try (TestDatabase database = TestDatabase.h2()) {
			String table = database.uniqueTable();
			Instant hour = Instant.parse("2026-11-02T10:00:00Z");
			JdbcOutput.builder(database.dataSource()).table(table).build().write(List.of(
					Events.priced(hour.plusSeconds(60), "gpt-4o-mini", "alice", 10, 5, "0.25", "b"),
					Events.priced(hour.plusSeconds(120), "gpt-4o", "bob", 10, 5, "0.50", "b"),
					Events.unknownModel(hour.plusSeconds(180), "mystery", "carol")));
			// as retention does: the roll-ups keep what the deleted rows held
			database.execute("DELETE FROM " + table);
			JdbcSpendReader reader = new JdbcSpendReader(database.dataSource(), TableName.of(table));
			Instant since = hour.minus(Duration.ofDays(1));

			assertThat(reader.spentSince(budget(BudgetScope.GLOBAL, null), since))
				.isEqualTo(Map.of("", new BigDecimal("0.75")));
			assertThat(reader.spentSince(this.perUser, since))
				.isEqualTo(Map.of("alice", new BigDecimal("0.25"), "bob", new BigDecimal("0.5")));
			assertThat(reader.spentSince(budget(BudgetScope.USER, "bob"), since))
				.isEqualTo(Map.of("", new BigDecimal("0.5")));
			assertThat(reader.spentSince(budget(BudgetScope.PROVIDER, null), since))
				.isEqualTo(Map.of("openai", new BigDecimal("0.75")));
			assertThat(reader.spentSince(budget(BudgetScope.MODEL, "gpt-4o"), since))
				.isEqualTo(Map.of("", new BigDecimal("0.5")));
			assertThat(reader.spentSince(budget(BudgetScope.TAG, null), since)).isEmpty();
			assertThat(reader.spentSince(budget(BudgetScope.SESSION, null), since)).isEmpty();
		}
	}

	private static Budget budget(BudgetScope scope, @Nullable String match) {
		return Budget.builder("budget").limit("5").window(BudgetWindow.rolling(Duration.ofDays(1))).scope(scope)
			.match(match).build();
	}

}
