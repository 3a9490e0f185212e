/**
 * Reads the official anthropic-java SDK.
 */
@NullMarked
package io.tokensense.internal.provider.anthropic;

import org.jspecify.annotations.NullMarked;
