package io.tokensense.budget;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * The two points where budgets meet a call: before a billed call starts (which may refuse it)
 * and when its event is recorded (which counts its cost). {@link Budgets} is the implementation;
 * {@link #NONE} lets every call through and counts nothing.
 */
public interface BudgetGuard {

	/** No budgets. */
	BudgetGuard NONE = new BudgetGuard() {

		@Override
		public boolean blocks() {
			return false;
		}

		@Override
		public void beforeCall(String provider, @Nullable String model, Attribution attribution) {
		}

		@Override
		public void recorded(CallEvent event) {
		}

	};

	/** Whether {@link #beforeCall} can ever refuse a call, so callers can skip preparing its arguments. */
	boolean blocks();

	/**
	 * Called before a billed call leaves the process, on the caller's thread.
	 * @param provider the provider the call goes to
	 * @param model the model asked for, if known
	 * @param attribution the call's merged attribution
	 * @throws BudgetExceededException when a blocking budget of the call's keys is spent
	 */
	void beforeCall(String provider, @Nullable String model, Attribution attribution);

	/** Called once per recorded call, as soon as its event exists; never throws. */
	void recorded(CallEvent event);

}
