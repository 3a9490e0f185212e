/**
 * Observes SDK clients: the recursive interface proxy, call recording and event routing.
 */
@NullMarked
package io.tokensense.internal.capture;

import org.jspecify.annotations.NullMarked;
