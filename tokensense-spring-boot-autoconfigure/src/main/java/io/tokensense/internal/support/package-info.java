/**
 * Small helpers every layer may use: the rate-limited logger, JSON and text for storage, safe
 * token arithmetic. Internal: not an API, it changes without notice.
 */
@NullMarked
package io.tokensense.internal.support;

import org.jspecify.annotations.NullMarked;
