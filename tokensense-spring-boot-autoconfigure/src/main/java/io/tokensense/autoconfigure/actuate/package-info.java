/**
 * Actuator support: the {@code tokensense} endpoint (usage reports, timeseries and budgets)
 * and the {@code tokensense} health contributor (queue, outputs and price catalog), with the
 * auto-configurations that create them.
 */
@NullMarked
package io.tokensense.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
