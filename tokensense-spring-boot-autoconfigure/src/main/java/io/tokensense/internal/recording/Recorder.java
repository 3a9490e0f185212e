package io.tokensense.internal.recording;

import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetGuard;
import io.tokensense.internal.pricing.CostCalculator;
import org.jspecify.annotations.Nullable;

/**
 * The recording core of one running TokenSense (a Spring application, or the plain-Java
 * default): whatever sees a call (the SDK proxy, a Spring AI observation handler, a
 * LangChain4j listener) starts it here on the caller's thread and ends it with a
 * provider-neutral reading; the recorder merges attribution, prices the usage, builds the
 * {@link io.tokensense.CallEvent} and hands it to its sink. Immutable, so a call started on one
 * recorder ends on the same one whatever happens meanwhile.
 *
 * @param costs prices calls
 * @param defaults attribution of every call, the weakest layer
 * @param logPrompts whether request content is kept, whatever the call's origin says
 * @param logResponses whether response content is kept, whatever the call's origin says
 * @param sink receives the events
 * @param includeStreamUsage whether OpenAI-style chat streams that did not ask for usage are made
 * to ({@code tokensense.streaming.include-usage}); the caller then sees one more chunk, with
 * empty {@code choices}
 * @param budgets checks each call before it starts (see {@link #checkBudgets}) and counts every
 * recorded call's cost
 * @param covered the calls an SDK layer recorded, shared by every recorder derived from this one
 */
public record Recorder(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
		EventSink sink, boolean includeStreamUsage, BudgetGuard budgets, CoveredCalls covered) {

	/** A recorder of its own. */
	public Recorder(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
			EventSink sink, boolean includeStreamUsage, BudgetGuard budgets) {
		this(costs, defaults, logPrompts, logResponses, sink, includeStreamUsage, budgets, new CoveredCalls());
	}

	/** A recorder of its own that leaves streamed requests as the caller wrote them. */
	public Recorder(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
			EventSink sink) {
		this(costs, defaults, logPrompts, logResponses, sink, false, BudgetGuard.NONE);
	}

	/** The same recorder, delivering to another sink. */
	public Recorder withSink(EventSink otherSink) {
		return new Recorder(this.costs, this.defaults, this.logPrompts, this.logResponses, otherSink,
				this.includeStreamUsage, this.budgets, this.covered);
	}

	/** The same recorder, asking chat streams for usage or not. */
	public Recorder withIncludeStreamUsage(boolean include) {
		return new Recorder(this.costs, this.defaults, this.logPrompts, this.logResponses, this.sink, include,
				this.budgets, this.covered);
	}

	/** The same recorder, under other budgets. */
	public Recorder withBudgets(BudgetGuard guard) {
		return new Recorder(this.costs, this.defaults, this.logPrompts, this.logResponses, this.sink,
				this.includeStreamUsage, guard, this.covered);
	}

	/**
	 * Starts a call on the caller's thread, taking that thread's
	 * {@link io.tokensense.TokenSenseContext} for its attribution.
	 * @param origin what the capture mechanism fixes for its calls
	 * @param operation the billed operation ({@code chat}, {@code embeddings}, ...)
	 * @param requestModel the model asked for, or {@code null}
	 * @param prompt the request content, called only when prompt capture is on; or {@code null}
	 * @param streamed whether the response streams
	 */
	public StartedCall start(CallOrigin origin, String operation, @Nullable String requestModel,
			@Nullable Supplier<@Nullable String> prompt, boolean streamed) {
		if (origin.framework()) {
			this.covered.frameworkCallStarted();
		}
		return new FrameworkCall(this, origin, operation, requestModel, prompt, streamed);
	}

	/** Whether a call of this origin may be refused: some budget of the recorder's or of the origin's blocks. */
	public boolean blocksCalls(CallOrigin origin) {
		BudgetGuard own = origin.budgets();
		return this.budgets.blocks() || (own != null && own.blocks());
	}

	/**
	 * Refuses a call whose keys have spent a blocking budget, before anything is sent: the
	 * recorder's budgets, then the origin's own, each asked with the provider, model and
	 * attribution the call's event would carry. Every way in checks here, so a budget sees a
	 * call the same whether it comes through an SDK client or a framework.
	 * @param origin what the capture mechanism fixes for the call
	 * @param requestModel the model asked for, or {@code null}
	 * @param scope the caller's {@link io.tokensense.TokenSenseContext} when the call starts
	 * @throws BudgetExceededException when a blocking budget of the call's keys is spent
	 */
	public void checkBudgets(CallOrigin origin, @Nullable String requestModel, Attribution scope) {
		String provider = (origin.provider() != null) ? origin.provider() : origin.defaultProvider();
		Attribution attribution = scope.mergedOver(origin.attribution()).mergedOver(this.defaults);
		this.budgets.beforeCall(provider, requestModel, attribution);
		BudgetGuard own = origin.budgets();
		if (own != null && own != this.budgets) {
			own.beforeCall(provider, requestModel, attribution);
		}
	}

	/** Counts a recorded call's cost against the recorder's budgets and the origin's own. */
	void countSpend(CallOrigin origin, CallEvent event) {
		this.budgets.recorded(event);
		BudgetGuard own = origin.budgets();
		if (own != null && own != this.budgets) {
			own.recorded(event);
		}
	}

	/** Whether calls of this origin keep their request content. */
	public boolean capturesPrompts(CallOrigin origin) {
		return this.logPrompts || origin.logPrompts();
	}

	/** Whether calls of this origin keep their response content. */
	public boolean capturesResponses(CallOrigin origin) {
		return this.logResponses || origin.logResponses();
	}

}
