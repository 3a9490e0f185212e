package io.tokensense.internal.support;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.budget.BudgetStatus;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageTotals;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Money in the endpoint's JSON (usage and budgets) is plain notation with Jackson 2 and Jackson 3 alike. */
class MoneyJsonTest {

	private static final UsageTotals TINY = new UsageTotals(1, 0, 1, 0, 0, 0, 0, new BigDecimal("1.5E-7"), 0);

	private static final UsageRow BIG = new UsageRow("gpt-4o", 1, 0, 1, 0, 0, 0, 0, new BigDecimal("3E+2"), 0);

	@Test
	void jackson2WritesPlainDecimals() throws Exception {
		ObjectMapper mapper = new ObjectMapper();
		assertThat(mapper.writeValueAsString(TINY)).contains("\"costUsd\":0.00000015,")
			.doesNotContain("E-")
			.startsWith("{\"calls\":1,");
		assertThat(mapper.writeValueAsString(BIG)).contains("\"costUsd\":300,");
		assertThat(mapper.readTree(mapper.writeValueAsString(TINY)).path("costUsd").decimalValue())
			.isEqualByComparingTo("0.00000015");
	}

	@Test
	void budgetsToo() throws Exception {
		BudgetStatus status = new BudgetStatus("daily", "user", "alice", new BigDecimal("1E+1"),
				new BigDecimal("1.5E-7"), new BigDecimal("9.99999985"), Instant.EPOCH, Instant.EPOCH, BudgetStatus.OK);
		String json = new ObjectMapper().findAndRegisterModules().writeValueAsString(status);
		assertThat(json).contains("\"limit\":10,\"spent\":0.00000015,\"remaining\":9.99999985,")
			.startsWith("{\"name\":\"daily\"");
		assertThat(JsonMapper.builder().build().writeValueAsString(status)).contains("\"spent\":0.00000015,");
	}

	@Test
	void jackson3WritesPlainDecimals() {
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(mapper.writeValueAsString(TINY)).contains("\"costUsd\":0.00000015,").doesNotContain("E-");
		assertThat(mapper.writeValueAsString(BIG)).contains("\"costUsd\":300,");
	}

}
