/**
 * JMH benchmarks of TokenSense: what observing a client costs the caller, next to calling the
 * SDK directly and to OpenTelemetry's openai-java instrumentation, and how many events per
 * second the pipeline writes. See {@code benchmarks/README.md} for the commands and results.
 */
@NullMarked
package io.tokensense.benchmarks;

import org.jspecify.annotations.NullMarked;
