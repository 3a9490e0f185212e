package io.tokensense.autoconfigure;

import io.tokensense.budget.BudgetAlert;
import io.tokensense.budget.BudgetListener;

import org.springframework.context.ApplicationEventPublisher;

/** Publishes each {@link BudgetAlert} as an application event, for {@code @EventListener} methods. */
final class BudgetAlertPublisher implements BudgetListener {

	private final ApplicationEventPublisher publisher;

	BudgetAlertPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void alert(BudgetAlert alert) {
		this.publisher.publishEvent(alert);
	}

}
