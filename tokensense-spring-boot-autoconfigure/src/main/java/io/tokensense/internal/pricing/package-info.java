/**
 * What an LLM call cost. {@link io.tokensense.internal.pricing.PriceCatalog} holds per-token prices in
 * LiteLLM's format (a bundled catalog, extensible and overridable), and
 * {@link io.tokensense.internal.pricing.CostCalculator} turns a {@link io.tokensense.internal.pricing.TokenUsage}
 * into an exact {@link java.math.BigDecimal} cost, or says why it cannot.
 */
@NullMarked
package io.tokensense.internal.pricing;

import org.jspecify.annotations.NullMarked;
