package io.tokensense.capture;

import io.tokensense.Attribution;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetGuard;

/**
 * Asks the route's budgets whether a billed call may start, before anything is sent. A refusal
 * reaches the caller as {@link BudgetExceededException}; any other failure here is TokenSense's
 * own and is swallowed, so the call goes ahead.
 */
final class BudgetCheck {

	private BudgetCheck() {
	}

	static void beforeCall(InFlightCall call) {
		try {
			ObservedClient client = call.client();
			EventRoute route = client.route().get();
			BudgetGuard budgets = route.budgets();
			if (!budgets.blocks()) {
				return;
			}
			String provider = (client.provider() != null) ? client.provider() : client.adapter().sdkProvider();
			Attribution attribution = call.scope().mergedOver(client.optionsAttribution()).mergedOver(route.defaults());
			budgets.beforeCall(provider, client.adapter().requestModel(call.params()), attribution);
		}
		catch (BudgetExceededException refused) {
			throw refused;
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

}
