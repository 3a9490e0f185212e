package io.tokensense.autoconfigure.actuate;

import java.util.List;

import io.tokensense.budget.BudgetStatus;
import io.tokensense.budget.Budgets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The answer of {@code GET /actuator/tokensense/budgets}: each budget, and for a budget per key
 * its keys, highest spend first.
 *
 * @param budgets one row per budget, or per key of a budget per key
 */
public record BudgetsReport(List<BudgetStatus> budgets) {

	/** Keys listed per budget unless {@code ?limit=} says otherwise. */
	static final int DEFAULT_LIMIT = 100;

	static BudgetsReport of(@Nullable Budgets budgets, @Nullable Integer limit) {
		int keys = (limit != null) ? limit : DEFAULT_LIMIT;
		if (keys < 1) {
			throw new InvalidEndpointRequestException("'limit' must be at least 1, was " + limit, "Invalid 'limit'");
		}
		return new BudgetsReport((budgets != null) ? budgets.statuses(keys) : List.of());
	}

}
