package io.tokensense.budget;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what budgets tell their listener. */
final class RecordingListener implements BudgetListener {

	final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();

	final List<BudgetExceededException> refused = new CopyOnWriteArrayList<>();

	@Override
	public void alert(BudgetAlert alert) {
		this.alerts.add(alert);
	}

	@Override
	public void blocked(BudgetExceededException exception) {
		this.refused.add(exception);
	}

}
