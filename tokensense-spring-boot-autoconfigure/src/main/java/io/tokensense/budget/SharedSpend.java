package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Where the spend of every instance can be read: the jdbc output's calls table. Read in the
 * background every {@code tokensense.budgets.refresh-interval}, never on a caller's thread.
 */
@FunctionalInterface
public interface SharedSpend {

	/**
	 * The cost of the budget's calls since an instant, by key: the scope's value for a budget
	 * per key, the empty string alone for a global budget or one with {@code match}.
	 * @throws Exception when the store cannot be read; the last figures are kept
	 */
	Map<String, BigDecimal> spentSince(Budget budget, Instant since) throws Exception;

}
