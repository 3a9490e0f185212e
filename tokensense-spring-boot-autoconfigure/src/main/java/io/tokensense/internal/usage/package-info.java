/**
 * Usage reports over recorded calls: totals, breakdowns and time series, answered from
 * memory or from the JDBC table.
 */
@NullMarked
package io.tokensense.internal.usage;

import org.jspecify.annotations.NullMarked;
