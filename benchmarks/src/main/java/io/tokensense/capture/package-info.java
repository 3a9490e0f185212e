/**
 * Benchmark-only access to package-private parts of TokenSense's capture package.
 */
@NullMarked
package io.tokensense.capture;

import org.jspecify.annotations.NullMarked;
