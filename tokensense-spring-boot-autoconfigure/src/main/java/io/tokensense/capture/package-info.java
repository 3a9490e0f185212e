/**
 * Observes SDK clients: the recursive interface proxy, call recording and event routing.
 */
@NullMarked
package io.tokensense.capture;

import org.jspecify.annotations.NullMarked;
