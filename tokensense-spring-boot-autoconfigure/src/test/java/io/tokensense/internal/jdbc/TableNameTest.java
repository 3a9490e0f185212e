package io.tokensense.internal.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TableNameTest {

	@Test
	void acceptsAPlainIdentifier() {
		assertThat(TableName.of("tokensense_calls").qualified()).isEqualTo("tokensense_calls");
		assertThat(TableName.of("_Calls2").schema()).isNull();
	}

	@Test
	void acceptsOneSchemaPrefix() {
		TableName table = TableName.of("analytics.llm_calls");
		assertThat(table.schema()).isEqualTo("analytics");
		assertThat(table.name()).isEqualTo("llm_calls");
		assertThat(table.qualified()).isEqualTo("analytics.llm_calls");
	}

	@Test
	void refusesAnythingThatIsNotAnIdentifierNamingTheProperty() {
		for (String bad : new String[] { "", "calls; DROP TABLE users", "1calls", "my-calls", "a.b.c", ".calls",
				"calls.", "\"calls\"", "calls ", "tâble", "x".repeat(65) }) {
			assertThatIllegalStateException().as(bad)
				.isThrownBy(() -> TableName.of(bad))
				.withMessageContaining("tokensense.jdbc.table");
		}
	}

	@Test
	void acceptsSixtyFourCharacters() {
		assertThat(TableName.of("x".repeat(64)).name()).hasSize(64);
	}

	@Test
	void namesIndexesAfterTheTable() {
		assertThat(TableName.of("app.calls").indexName("user_id")).isEqualTo("calls_user_id_idx");
	}

	@Test
	void keepsLongIndexNamesDistinctAndShortEnough() {
		TableName table = TableName.of("t".repeat(60));
		String timestamp = table.indexName("timestamp");
		String session = table.indexName("session_id");
		assertThat(timestamp).hasSizeLessThanOrEqualTo(63).endsWith("_timestamp_idx");
		assertThat(session).hasSizeLessThanOrEqualTo(63).endsWith("_session_id_idx");
	}

}
