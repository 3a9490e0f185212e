/**
 * Benchmark-only access to package-private parts of TokenSense's recording core.
 */
@NullMarked
package io.tokensense.internal.recording;

import org.jspecify.annotations.NullMarked;
