/**
 * Reads the official anthropic-java SDK.
 */
@NullMarked
package io.tokensense.provider.anthropic;

import org.jspecify.annotations.NullMarked;
