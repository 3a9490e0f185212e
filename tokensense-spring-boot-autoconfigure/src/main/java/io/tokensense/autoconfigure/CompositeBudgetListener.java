package io.tokensense.autoconfigure;

import java.util.List;

import io.tokensense.budget.BudgetAlert;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every listener in turn; one that throws does not keep the others from hearing. */
final class CompositeBudgetListener implements BudgetListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeBudgetListener.class);

	private final List<BudgetListener> listeners;

	CompositeBudgetListener(List<BudgetListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void alert(BudgetAlert alert) {
		for (BudgetListener listener : this.listeners) {
			try {
				listener.alert(alert);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of budget alerts threw; the others were told", ex);
			}
		}
	}

	@Override
	public void blocked(BudgetExceededException refused) {
		for (BudgetListener listener : this.listeners) {
			try {
				listener.blocked(refused);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of refused calls threw; the others were told", ex);
			}
		}
	}

}
