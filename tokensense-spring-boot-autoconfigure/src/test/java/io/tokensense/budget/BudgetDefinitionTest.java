package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BudgetDefinitionTest {

	private static final ZoneId UTC = ZoneId.of("UTC");

	@Test
	void refusesWindowsShorterThanASecondOrUnknown() {
		assertThatIllegalArgumentException().isThrownBy(() -> BudgetWindow.parse("PT0.5S", UTC))
			.withMessageContaining("shorter than one second");
		assertThatIllegalArgumentException().isThrownBy(() -> BudgetWindow.parse("fortnight", UTC))
			.withMessageContaining("day, week, month");
		assertThat(BudgetWindow.parse("PT1S", UTC).isCalendar()).isFalse();
		assertThat(BudgetWindow.parse("Month", UTC).toString()).isEqualTo("month");
	}

	@Test
	void weeksStartOnMondayAndMonthsOnTheFirst() {
		Instant friday = Instant.parse("2026-07-24T12:00:00Z");
		BudgetWindow week = BudgetWindow.parse("week", UTC);
		assertThat(week.start(friday)).isEqualTo(Instant.parse("2026-07-20T00:00:00Z"));
		assertThat(week.end(friday)).isEqualTo(Instant.parse("2026-07-27T00:00:00Z"));
		BudgetWindow month = BudgetWindow.parse("month", ZoneId.of("America/New_York"));
		assertThat(month.start(friday)).isEqualTo(Instant.parse("2026-07-01T04:00:00Z"));
		assertThat(month.end(Instant.parse("2026-12-31T12:00:00Z"))).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
	}

	@Test
	void refusedValuesNameTheirProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> Budget.builder("b").limit("0").window("day").build())
			.withMessageStartingWith("limit must be greater than 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Budget.builder("b").limit("1").window("day").warnAt(new BigDecimal("1")).build())
			.withMessageStartingWith("warn-at");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Budget.builder("b").limit("1").window("day").match("alice").build())
			.withMessageStartingWith("match");
		assertThatIllegalArgumentException().isThrownBy(() -> BudgetScope.of("team"))
			.withMessageContaining("global, user, session, tag, model, provider");
		assertThatIllegalArgumentException().isThrownBy(() -> BudgetAction.of("throttle"))
			.withMessageContaining("alert or block");
	}

	@Test
	void warnFractionsAreSorted() {
		Budget budget = Budget.builder("b").limit("1").window("day")
			.warnAt(new BigDecimal("0.9"), new BigDecimal("0.5"))
			.build();
		assertThat(budget.warnAt()).containsExactly(new BigDecimal("0.5"), new BigDecimal("0.9"));
	}

}
