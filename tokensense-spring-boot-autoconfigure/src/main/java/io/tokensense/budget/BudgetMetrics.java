package io.tokensense.budget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what budgets do on a Micrometer registry:
 * <ul>
 * <li>{@value #ALERTS} Counter, tags {@code budget} and {@code level} ({@code warn} or
 * {@code exceeded}): alerts published</li>
 * <li>{@value #BLOCKED} Counter, tag {@code budget}: calls refused</li>
 * </ul>
 */
public final class BudgetMetrics implements BudgetListener {

	/** Alerts published, by budget and level. */
	public static final String ALERTS = "tokensense.budget.alerts";

	/** Calls refused, by budget. */
	public static final String BLOCKED = "tokensense.budget.blocked";

	private final MeterRegistry registry;

	public BudgetMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void alert(BudgetAlert alert) {
		Counter.builder(ALERTS)
			.description("Budget alerts published")
			.baseUnit("alerts")
			.tag("budget", alert.budget())
			.tag("level", alert.level())
			.register(this.registry)
			.increment();
	}

	@Override
	public void blocked(BudgetExceededException refused) {
		Counter.builder(BLOCKED)
			.description("LLM calls refused because a budget was spent")
			.baseUnit("calls")
			.tag("budget", refused.budget())
			.register(this.registry)
			.increment();
	}

}
