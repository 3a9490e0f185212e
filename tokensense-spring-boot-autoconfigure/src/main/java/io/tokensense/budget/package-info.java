/**
 * Budgets: spending limits per window (rolling or calendar) for everything, or per user,
 * session, tag, model or provider. A budget alerts (a {@link io.tokensense.budget.BudgetAlert}
 * application event) when spend crosses a threshold, and with action {@code block} refuses the
 * calls of a key whose spend has reached the limit ({@link io.tokensense.budget.BudgetExceededException}).
 * {@link io.tokensense.budget.Budgets} holds the spend; the check on the caller's thread is a
 * map lookup.
 */
@NullMarked
package io.tokensense.budget;

import org.jspecify.annotations.NullMarked;
