/**
 * Actuator support: the {@code tokensense} health contributor.
 */
@NullMarked
package io.tokensense.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
