package io.tokensense.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tokensense.Attribution;
import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetAction;
import io.tokensense.budget.BudgetGuard;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.Budgets;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What budgets add on the caller's thread before an observed call starts
 * ({@code BudgetGuard.beforeCall}, as {@code capture.BudgetCheck} calls it): 10 blocking budgets
 * (global, user, session, tag, model, provider, two matched, two per key) holding spend for
 * 100,000 users and 100,000 sessions, of which 1,000 users are blocked. Each call is for an
 * allowed user, cycling through {@code callers} of them. With 99,000 callers their user and
 * session strings are cold in the CPU cache at each call (in an application the caller's own
 * attribution is hot, having just been made); {@code readKeys} reads the same strings and hashes
 * without any budget, so {@code tenBudgets - readKeys} is what budgets add. {@code none} calls
 * {@code BudgetGuard.NONE}. Only callers' threads run here; {@code tenBudgetsContended} runs on 2.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BudgetCheckBenchmark {

	static final int KEYS = 100_000;

	private Budgets budgets;

	private Attribution[] callers;

	/** How many distinct allowed callers the calls cycle through. */
	@Param({ "1000", "99000" })
	public int distinctCallers;

	@Setup
	public void setUp() {
		List<Budget> list = List.of(block("global", BudgetScope.GLOBAL, null, "1000000"),
				block("per-user", BudgetScope.USER, null, "1"), block("per-session", BudgetScope.SESSION, null, "1"),
				block("per-tag", BudgetScope.TAG, null, "1000000"), block("per-model", BudgetScope.MODEL, null, "1000000"),
				block("per-provider", BudgetScope.PROVIDER, null, "1000000"),
				block("vip", BudgetScope.USER, "user-7", "1000000"), block("beta", BudgetScope.TAG, "beta", "1000000"),
				block("per-user-monthly", BudgetScope.USER, null, "1000000"),
				block("per-session-monthly", BudgetScope.SESSION, null, "1000000"));
		this.budgets = new Budgets(list, java.time.Clock.systemUTC(), io.tokensense.budget.BudgetListener.NONE);
		List<Attribution> allowed = new ArrayList<>();
		for (int i = 0; i < KEYS; i++) {
			String user = "user-" + i;
			String session = "session-" + i;
			// every hundredth user has spent their dollar
			this.budgets.recorded(event(user, session, (i % 100 == 0) ? "1.50" : "0.01"));
			if (i % 100 != 0) {
				allowed.add(new Attribution(user, session, List.of("chat", "production")));
			}
		}
		this.callers = allowed.subList(0, this.distinctCallers).toArray(Attribution[]::new);
	}

	@Benchmark
	public Attribution none(Cursor cursor) {
		Attribution caller = cursor.next(this.callers);
		BudgetGuard.NONE.beforeCall("openai", "gpt-4o-mini", caller);
		return caller;
	}

	@Benchmark
	public int readKeys(Cursor cursor) {
		Attribution caller = cursor.next(this.callers);
		int hash = caller.userId().hashCode() + caller.sessionId().hashCode();
		List<String> tags = caller.tags();
		for (int i = 0; i < tags.size(); i++) {
			hash += tags.get(i).hashCode();
		}
		return hash;
	}

	@Benchmark
	public Attribution tenBudgets(Cursor cursor) {
		Attribution caller = cursor.next(this.callers);
		this.budgets.beforeCall("openai", "gpt-4o-mini", caller);
		return caller;
	}

	@Benchmark
	@Threads(2)
	public Attribution tenBudgetsContended(Cursor cursor) {
		Attribution caller = cursor.next(this.callers);
		this.budgets.beforeCall("openai", "gpt-4o-mini", caller);
		return caller;
	}

	/** Each thread's own position in the callers, so threads share nothing but the budgets. */
	@State(Scope.Thread)
	public static class Cursor {

		private int next;

		Attribution next(Attribution[] callers) {
			int i = this.next + 1;
			if (i >= callers.length) {
				i = 0;
			}
			this.next = i;
			return callers[i];
		}

	}

	private static Budget block(String name, BudgetScope scope, String match, String limit) {
		return Budget.builder(name).limit(limit).window(name.endsWith("monthly") ? "month" : "P1D").scope(scope)
			.match(match).action(BudgetAction.BLOCK).build();
	}

	private static CallEvent event(String user, String session, String cost) {
		return new CallEvent(UUID.randomUUID(), Instant.now(), "openai", "chat", "gpt-4o-mini", "gpt-4o-mini", 10L,
				10L, 0L, 0L, 0L, 20L, new java.math.BigDecimal(cost), PricingStatus.PRICED,
				java.time.Duration.ofMillis(100), null, false, CallStatus.SUCCESS, null, user, session,
				List.of("chat", "production"), "chatcmpl-1", null, null, null);
	}

}
