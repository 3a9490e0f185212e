package io.tokensense.budget;

/**
 * Told about what budgets do, e.g. to publish alerts as application events and count them.
 * Called on the thread that recorded the spend or tried the call; it must be quick and must
 * not throw (whatever it throws is logged and ignored).
 */
public interface BudgetListener {

	/** Nobody listening: alerts are only logged. */
	BudgetListener NONE = new BudgetListener() {
	};

	/** A threshold was reached. */
	default void alert(BudgetAlert alert) {
	}

	/** A call was refused; the exception is thrown to the caller right after. */
	default void blocked(BudgetExceededException refused) {
	}

}
