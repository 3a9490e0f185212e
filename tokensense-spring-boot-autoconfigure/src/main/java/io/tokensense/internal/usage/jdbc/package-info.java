/**
 * Usage reports and shared budget spend read from the jdbc output's tables (calls, hourly
 * totals, roll-ups). Internal: not an API, it changes without notice.
 */
@NullMarked
package io.tokensense.internal.usage.jdbc;

import org.jspecify.annotations.NullMarked;
