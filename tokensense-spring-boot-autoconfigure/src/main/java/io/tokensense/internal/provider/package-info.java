/**
 * What TokenSense knows about each SDK: clients, billed operations, and how to read results and errors.
 */
@NullMarked
package io.tokensense.internal.provider;

import org.jspecify.annotations.NullMarked;
