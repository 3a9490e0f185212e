package io.tokensense.internal.pricing;

import java.math.BigDecimal;

import io.tokensense.PricingStatus;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of pricing one call.
 *
 * @param costUsd the cost in USD, {@code null} unless {@code status} is
 * {@link PricingStatus#PRICED}
 * @param status whether the call was priced, and if not, why
 * @param pricedModel the model name that was priced (the response model when the catalog
 * knows it, else the request model), {@code null} unless priced
 */
public record Pricing(@Nullable BigDecimal costUsd, PricingStatus status, @Nullable String pricedModel) {

	static Pricing noUsage() {
		return new Pricing(null, PricingStatus.NO_USAGE, null);
	}

	static Pricing unknownModel() {
		return new Pricing(null, PricingStatus.UNKNOWN_MODEL, null);
	}

}
