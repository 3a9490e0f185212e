package io.tokensense.autoconfigure.dashboard;

/**
 * Finds the {@code tokensense} endpoint on each page load, so the page follows the
 * actuator's base path and exposure as they are configured.
 */
@FunctionalInterface
interface EndpointLocator {

	EndpointLocation locate();

}
