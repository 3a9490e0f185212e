package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.testsupport.Events;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetsTest {

	private static final Instant NOON = Instant.parse("2026-07-24T12:00:00Z");

	private final MutableClock clock = new MutableClock(NOON);

	private final RecordingListener listener = new RecordingListener();

	@Test
	void alertsOncePerThresholdAndKeyWithinAWindow() {
		Budgets budgets = budgets(Budget.builder("daily").limit("1.00").window("day")
			.warnAt(new BigDecimal("0.5"), new BigDecimal("0.8")).build());
		budgets.recorded(cost("0.30", "alice"));
		assertThat(this.listener.alerts).isEmpty();
		budgets.recorded(cost("0.25", "alice"));
		budgets.recorded(cost("0.01", "alice"));
		assertThat(this.listener.alerts).extracting(BudgetAlert::threshold).containsExactly(new BigDecimal("0.5"));
		budgets.recorded(cost("0.50", "bob"));
		budgets.recorded(cost("0.10", "bob"));

		assertThat(this.listener.alerts).extracting(BudgetAlert::level, (a) -> a.threshold().toPlainString(),
				(a) -> a.spent().toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("warn", "0.5", "0.55"),
					org.assertj.core.groups.Tuple.tuple("warn", "0.8", "1.06"),
					org.assertj.core.groups.Tuple.tuple("exceeded", "1", "1.06"));
		BudgetAlert exceeded = this.listener.alerts.get(2);
		assertThat(exceeded.budget()).isEqualTo("daily");
		assertThat(exceeded.scope()).isEqualTo("global");
		assertThat(exceeded.key()).isNull();
		assertThat(exceeded.limit()).isEqualByComparingTo("1.00");
		assertThat(exceeded.windowStart()).isEqualTo(Instant.parse("2026-07-24T00:00:00Z"));
		assertThat(exceeded.windowEnd()).isEqualTo(Instant.parse("2026-07-25T00:00:00Z"));
		budgets.recorded(cost("0.10", "bob"));
		assertThat(this.listener.alerts).hasSize(3);
	}

	@Test
	void calendarDayResetsAtMidnightInTheZoneAndAlertsAgainInTheNextDay() {
		ZoneId paris = ZoneId.of("Europe/Paris");
		Budgets budgets = budgets(Budget.builder("daily").limit("1").window(BudgetWindow.parse("day", paris))
			.action(BudgetAction.BLOCK).build());
		budgets.recorded(cost("1.20", "alice"));
		BudgetExceededException refused = refusal(budgets, "alice");
		// noon UTC is 14:00 in Paris (summer time): the day ends at 22:00 UTC
		assertThat(refused.resetsAt()).isEqualTo(Instant.parse("2026-07-24T22:00:00Z"));
		assertThat(refused.spent()).isEqualByComparingTo("1.20");

		this.clock.set(Instant.parse("2026-07-24T21:59:59Z"));
		assertThat(refusal(budgets, "alice")).isNotNull();
		this.clock.set(Instant.parse("2026-07-24T22:00:00Z"));
		assertThatCode(() -> check(budgets, "alice")).doesNotThrowAnyException();
		assertThat(budgets.statuses(10).get(0).spent()).isEqualByComparingTo("0");

		budgets.recorded(cost("1.00", "alice"));
		assertThat(this.listener.alerts).extracting(BudgetAlert::level)
			.containsExactly("warn", "exceeded", "warn", "exceeded");
		assertThat(this.listener.alerts.get(3).windowStart()).isEqualTo(Instant.parse("2026-07-24T22:00:00Z"));
	}

	@Test
	void rollingWindowForgetsSpendOnceItIsOlderThanTheWindowPlusOneSlot() {
		Budgets budgets = budgets(Budget.builder("hourly").limit("1").window("PT1H").action(BudgetAction.BLOCK).build());
		budgets.recorded(cost("0.60", "alice"));
		this.clock.advance(Duration.ofMinutes(30));
		budgets.recorded(cost("0.60", "alice"));
		BudgetExceededException refused = refusal(budgets, "alice");
		// without the first call, spend is 0.60 again: that happens when the first call's slot (of one minute) expires
		assertThat(refused.resetsAt()).isEqualTo(NOON.plus(Duration.ofMinutes(61)));

		this.clock.set(NOON.plus(Duration.ofMinutes(60)));
		assertThat(refusal(budgets, "alice")).isNotNull();
		this.clock.set(NOON.plus(Duration.ofMinutes(61)));
		assertThatCode(() -> check(budgets, "alice")).doesNotThrowAnyException();
		assertThat(budgets.statuses(10).get(0).spent()).isEqualByComparingTo("0.60");
		this.clock.set(NOON.plus(Duration.ofMinutes(91)));
		assertThat(budgets.statuses(10).get(0).spent()).isEqualByComparingTo("0");
	}

	@Test
	void perUserBudgetsAreIndependent() {
		Budgets budgets = budgets(Budget.builder("per-user").limit("1").window("P1D").scope(BudgetScope.USER)
			.action(BudgetAction.BLOCK).build());
		budgets.recorded(cost("1.00", "alice"));
		budgets.recorded(cost("0.90", "bob"));
		budgets.recorded(cost("0.50", null));

		BudgetExceededException refused = refusal(budgets, "alice");
		assertThat(refused.key()).isEqualTo("alice");
		assertThat(refused.budget()).isEqualTo("per-user");
		assertThatCode(() -> check(budgets, "bob")).doesNotThrowAnyException();
		assertThatCode(() -> check(budgets, null)).doesNotThrowAnyException();
		assertThat(this.listener.refused).hasSize(1);
		List<BudgetStatus> statuses = budgets.statuses(10);
		assertThat(statuses).extracting(BudgetStatus::key).containsExactly("alice", "bob");
		assertThat(statuses).extracting(BudgetStatus::state).containsExactly("exceeded", "warn");
		assertThat(statuses.get(1).remaining()).isEqualByComparingTo("0.10");
		assertThat(budgets.statuses(1)).hasSize(1);
	}

	@Test
	void matchedAndTagBudgetsCountOnlyTheirCalls() {
		Budgets budgets = budgets(
				Budget.builder("beta").limit("1").window("P1D").scope(BudgetScope.TAG).match("beta")
					.action(BudgetAction.BLOCK).build(),
				Budget.builder("per-tag").limit("5").window("P1D").scope(BudgetScope.TAG).build());
		budgets.recorded(Events.priced(NOON, "gpt-4o", "alice", 1, 1, "0.70", "beta", "chat"));
		budgets.recorded(Events.priced(NOON, "gpt-4o", "alice", 1, 1, "0.70", "prod"));
		budgets.recorded(Events.priced(NOON, "gpt-4o", "alice", 1, 1, "0.40", "beta"));

		assertThatThrownBy(() -> budgets.check("openai", "gpt-4o", "bob", null, List.of("x", "beta")))
			.isInstanceOf(BudgetExceededException.class)
			.satisfies((ex) -> assertThat(((BudgetExceededException) ex).key()).isNull());
		assertThatCode(() -> budgets.check("openai", "gpt-4o", "bob", null, List.of("prod")))
			.doesNotThrowAnyException();
		assertThat(budgets.statuses(10)).extracting(BudgetStatus::name, BudgetStatus::key,
				(s) -> s.spent().toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("beta", null, "1.10"),
					org.assertj.core.groups.Tuple.tuple("per-tag", "beta", "1.10"),
					org.assertj.core.groups.Tuple.tuple("per-tag", "chat", "0.70"),
					org.assertj.core.groups.Tuple.tuple("per-tag", "prod", "0.70"));
	}

	@Test
	void alertOnlyBudgetsNeverRefuseAndUnpricedCallsCostNothing() {
		Budgets budgets = budgets(Budget.builder("soft").limit("0.01").window("P1D").build());
		budgets.recorded(Events.unknownModel(NOON, "mystery", "alice"));
		assertThat(this.listener.alerts).isEmpty();
		budgets.recorded(cost("5", "alice"));
		assertThat(budgets.blocks()).isFalse();
		assertThatCode(() -> check(budgets, "alice")).doesNotThrowAnyException();
		assertThat(this.listener.alerts).extracting(BudgetAlert::level).containsExactly("warn", "exceeded");
	}

	@Test
	void sharedSpendOfOtherInstancesBlocksAndOwnSpendSinceTheReadIsAdded() {
		Budgets budgets = budgets(Budget.builder("per-user").limit("1").window("day").scope(BudgetScope.USER)
			.action(BudgetAction.BLOCK).build());
		budgets.recorded(cost("0.20", "alice"));
		// the table holds alice's 0.20 from here and 0.50 from another instance
		budgets.refresh((budget, since) -> java.util.Map.of("alice", new BigDecimal("0.70"), "bob",
				new BigDecimal("1.5")), false);
		assertThat(refusal(budgets, "bob").spent()).isEqualByComparingTo("1.5");
		assertThatCode(() -> check(budgets, "alice")).doesNotThrowAnyException();
		budgets.recorded(cost("0.30", "alice"));
		assertThat(refusal(budgets, "alice").spent()).isEqualByComparingTo("1.00");
		assertThat(this.listener.alerts).extracting(BudgetAlert::key, BudgetAlert::level)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "warn"),
					org.assertj.core.groups.Tuple.tuple("bob", "exceeded"),
					org.assertj.core.groups.Tuple.tuple("alice", "warn"),
					org.assertj.core.groups.Tuple.tuple("alice", "exceeded"));
	}

	@Test
	void aFailingSharedReadKeepsTheLastFigures() {
		Budgets budgets = budgets(Budget.builder("all").limit("1").window("day").action(BudgetAction.BLOCK).build());
		budgets.refresh((budget, since) -> java.util.Map.of("", new BigDecimal("2")), true);
		budgets.refresh((budget, since) -> {
			throw new java.sql.SQLException("down");
		}, false);
		assertThat(refusal(budgets, "anyone").spent()).isEqualByComparingTo("2");
		assertThat(this.listener.alerts).as("reached before this instance started").isEmpty();
	}

	@Test
	void sweepForgetsIdleKeys() {
		Budgets budgets = budgets(Budget.builder("per-user").limit("1").window("PT1M").scope(BudgetScope.USER)
			.warnAt().build());
		budgets.recorded(cost("0.10", "alice"));
		budgets.sweep();
		assertThat(budgets.statuses(10)).hasSize(1);
		this.clock.advance(Duration.ofMinutes(2));
		budgets.sweep();
		assertThat(budgets.statuses(10)).isEmpty();
	}

	private Budgets budgets(Budget... budgets) {
		return new Budgets(List.of(budgets), this.clock, this.listener);
	}

	private static CallEvent cost(String usd, String user) {
		return Events.priced(NOON, "gpt-4o", user, 10, 10, usd);
	}

	private static void check(Budgets budgets, String user) {
		budgets.beforeCall("openai", "gpt-4o", new Attribution(user, null, List.of()));
	}

	private static BudgetExceededException refusal(Budgets budgets, String user) {
		try {
			check(budgets, user);
		}
		catch (BudgetExceededException ex) {
			return ex;
		}
		throw new AssertionError("the call of " + user + " was allowed");
	}

}
