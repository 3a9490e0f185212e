package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.BudgetWindow;
import io.tokensense.internal.jdbc.Rollup;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the budgets' shared spend: read through the roll-ups wherever a budget's scope
 * allows, it is exactly the spend of the rows, computed apart ({@link SpendOracle}), to the last
 * digit of cost, on each database, for budgets of every scope with and without a match and
 * windows starting mid-hour, on whole hours, on whole days, on a call and before all of them
 * (some calls stamped ahead of the clock, as by an instance whose clock runs fast, count too);
 * and the same again once the roll-ups are gone and only the rows can answer. Calls without a
 * requested model are all older than two days, so model budgets read the roll-ups over later
 * windows and the rows over earlier ones.
 */
class JdbcSpendReaderContractTest {

	/** Not on an hour: every window but the whole ones has a partial edge hour. */
	private static final Instant NOW = Instant.parse("2026-11-27T12:17:42.123456Z");

	private static final String LONG_USER = "u".repeat(300);

	private static final String SERVED_MODEL = "gpt-4o-2024-08-06";

	static Stream<Arguments> databases() {
		return TestDatabase.everyKind();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void rollupsAndRowsGiveTheSpendOfTheRows(String name, Supplier<TestDatabase> database) throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		try (TestDatabase db = database.get()) {
			String table = db.uniqueTable();
			List<CallEvent> events = events(random, 1_500);
			write(JdbcOutput.builder(db.dataSource()).table(table).build(), events, random);
			SpendOracle oracle = SpendOracle.read(db, table);
			List<Instant> sinces = sinces(random, events);

			assertSameSpend(new JdbcSpendReader(db.dataSource(), TableName.of(table)), oracle, sinces, seed);

			for (Rollup rollup : Rollup.values()) {
				db.execute("DROP TABLE " + rollup.table(TableName.of(table)).qualified());
			}
			assertSameSpend(new JdbcSpendReader(db.dataSource(), TableName.of(table)), oracle, sinces, seed);
		}
	}

	private static void assertSameSpend(JdbcSpendReader reader, SpendOracle oracle, List<Instant> sinces, long seed)
			throws Exception {
		for (Budget budget : budgets()) {
			for (Instant since : sinces) {
				assertThat(reader.spentSince(budget, since))
					.as("seed %d, budget %s since %s", seed, budget.name(), since)
					.isEqualTo(oracle.spentSince(budget, since));
			}
		}
	}

	/** Random batches, some written twice as a retried batch whose first commit landed. */
	private static void write(JdbcOutput output, List<CallEvent> events, Random random) throws Exception {
		int written = 0;
		while (written < events.size()) {
			List<CallEvent> batch = events.subList(written, Math.min(events.size(), written + 1 + random.nextInt(400)));
			output.write(batch);
			if (random.nextInt(3) == 0) {
				output.write(batch);
			}
			written += batch.size();
		}
	}

	private static List<Budget> budgets() {
		List<Budget> budgets = new ArrayList<>();
		budgets.add(budget(BudgetScope.GLOBAL, null));
		for (BudgetScope scope : List.of(BudgetScope.USER, BudgetScope.SESSION, BudgetScope.TAG, BudgetScope.MODEL,
				BudgetScope.PROVIDER)) {
			budgets.add(budget(scope, null));
			budgets.add(budget(scope, "nobody"));
		}
		for (String user : List.of("alice", "none", LONG_USER, LONG_USER.substring(0, 255))) {
			budgets.add(budget(BudgetScope.USER, user));
		}
		budgets.add(budget(BudgetScope.SESSION, "s1"));
		for (String tag : List.of("a", "b", "a\"b")) {
			budgets.add(budget(BudgetScope.TAG, tag));
		}
		for (String model : List.of("gpt-4o", "none", SERVED_MODEL)) {
			budgets.add(budget(BudgetScope.MODEL, model));
		}
		for (String provider : List.of("openai", "none")) {
			budgets.add(budget(BudgetScope.PROVIDER, provider));
		}
		return budgets;
	}

	private static Budget budget(BudgetScope scope, @Nullable String match) {
		return Budget.builder(scope.propertyValue() + "-" + match)
			.limit("10")
			.window(BudgetWindow.rolling(Duration.ofDays(30)))
			.scope(scope)
			.match(match)
			.build();
	}

	/** Mid-hour, whole hours, whole days, on a call, before every call and after them. */
	private static List<Instant> sinces(Random random, List<CallEvent> events) {
		List<Instant> sinces = new ArrayList<>();
		sinces.add(NOW.minus(Duration.ofDays(10)));
		sinces.add(NOW.plus(Duration.ofHours(1)));
		for (int day = 0; day <= 5; day++) {
			sinces.add(NOW.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(day)));
		}
		for (int i = 0; i < 6; i++) {
			sinces.add(NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(random.nextInt(130))));
			sinces.add(NOW.minus(random.nextInt(130 * 3600), ChronoUnit.SECONDS)
				.minus(random.nextInt(1_000_000), ChronoUnit.MICROS));
			sinces.add(events.get(random.nextInt(events.size())).timestamp());
		}
		return sinces;
	}

	private static List<CallEvent> events(Random random, int count) {
		String[] users = { "alice", "bob", "carol", null, "none", "", LONG_USER };
		String[] sessions = { "s1", "s2", null };
		String[] providers = { "openai", "anthropic", "none" };
		String[] models = { "gpt-4o", "gpt-4o-mini", "claude-haiku-4-5" };
		List<List<String>> tags = List.of(List.of(), List.of("a"), List.of("b", "a"), List.of("a\"b"));
		List<CallEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Instant at = NOW.minus(random.nextInt(120 * 3600), ChronoUnit.SECONDS)
				.minus(random.nextInt(1_000_000), ChronoUnit.MICROS);
			if (random.nextInt(20) == 0) {
				at = at.truncatedTo(ChronoUnit.HOURS);
			}
			if (random.nextInt(50) == 0) {
				// from an instance whose clock runs ahead of this one's
				at = Instant.now().plusSeconds(random.nextInt(3600));
			}
			String model = models[random.nextInt(models.length)];
			if (at.isBefore(NOW.minus(Duration.ofDays(2))) && random.nextInt(5) == 0) {
				// counted for the model served, or a model named like the reports' label for none
				model = random.nextBoolean() ? null : "none";
			}
			String served = switch (random.nextInt(4)) {
				case 0 -> null;
				case 1 -> SERVED_MODEL;
				default -> model;
			};
			CallStatus status = (random.nextInt(10) == 0) ? CallStatus.ERROR
					: (random.nextInt(20) == 0) ? CallStatus.CANCELLED : CallStatus.SUCCESS;
			// failed calls are priced when usage came before the failure
			boolean priced = (status == CallStatus.SUCCESS) ? random.nextInt(8) != 0 : random.nextInt(3) == 0;
			PricingStatus pricing = priced ? PricingStatus.PRICED
					: random.nextBoolean() ? PricingStatus.UNKNOWN_MODEL : PricingStatus.NO_USAGE;
			events.add(new CallEvent(UUID.randomUUID(), at, providers[random.nextInt(providers.length)], "chat", model,
					served, 10L, 5L, 0L, 0L, 0L, 15L, priced ? cost(random) : null, pricing,
					Duration.ofMillis(random.nextInt(5_000)), null, false, status,
					(status == CallStatus.ERROR) ? "429" : null, users[random.nextInt(users.length)],
					sessions[random.nextInt(sessions.length)], tags.get(random.nextInt(tags.size())), null, null,
					null, null));
		}
		return events;
	}

	/** Up to 20 decimals (the decimal columns keep 18, SQLite the text), now and then free. */
	private static BigDecimal cost(Random random) {
		if (random.nextInt(30) == 0) {
			return BigDecimal.ZERO;
		}
		return BigDecimal.valueOf(random.nextLong(1, 50_000_000_000_000_000L), 20)
			.add(BigDecimal.valueOf(random.nextInt(100)));
	}

}
