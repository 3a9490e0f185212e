/**
 * Benchmark-only access to package-private parts of TokenSense's jdbc output package.
 */
@NullMarked
package io.tokensense.internal.jdbc;

import org.jspecify.annotations.NullMarked;
