package io.tokensense;

/**
 * Whether an event carries a cost, and if not, why. TokenSense never reports a silent
 * {@code $0} or a guessed price.
 */
public enum PricingStatus {

	/** Usage and model price were both known: {@code costUsd} is set. */
	PRICED,

	/** The provider reported usage for a model the catalog does not know. */
	UNKNOWN_MODEL,

	/** The provider reported no usage (or the call failed before any). */
	NO_USAGE

}
