package io.tokensense.capture;

import io.tokensense.Attribution;
import io.tokensense.budget.BudgetGuard;
import io.tokensense.pricing.CostCalculator;

/**
 * What the environment of an observed client adds to its calls: prices, default
 * attribution, content capture switches, and where the events go.
 *
 * @param costs prices calls
 * @param defaults attribution of every call, the weakest layer
 * @param logPrompts whether request content is kept, whatever the client's options say
 * @param logResponses whether response content is kept, whatever the client's options say
 * @param sink receives the events
 * @param includeStreamUsage whether OpenAI-style chat streams that did not ask for usage are made
 * to ({@code tokensense.streaming.include-usage}); the caller then sees one more chunk, with
 * empty {@code choices}
 * @param budgets checks each call before it starts and counts its cost once recorded
 */
public record EventRoute(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
		EventSink sink, boolean includeStreamUsage, BudgetGuard budgets) {

	/** A route without budgets. */
	public EventRoute(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
			EventSink sink, boolean includeStreamUsage) {
		this(costs, defaults, logPrompts, logResponses, sink, includeStreamUsage, BudgetGuard.NONE);
	}

	/** A route that leaves streamed requests as the caller wrote them. */
	public EventRoute(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
			EventSink sink) {
		this(costs, defaults, logPrompts, logResponses, sink, false);
	}

	/** The same route, delivering to another sink. */
	public EventRoute withSink(EventSink otherSink) {
		return new EventRoute(this.costs, this.defaults, this.logPrompts, this.logResponses, otherSink,
				this.includeStreamUsage, this.budgets);
	}

	/** The same route, asking chat streams for usage or not. */
	public EventRoute withIncludeStreamUsage(boolean include) {
		return new EventRoute(this.costs, this.defaults, this.logPrompts, this.logResponses, this.sink, include,
				this.budgets);
	}

	/** The same route, under other budgets. */
	public EventRoute withBudgets(BudgetGuard guard) {
		return new EventRoute(this.costs, this.defaults, this.logPrompts, this.logResponses, this.sink,
				this.includeStreamUsage, guard);
	}

}
