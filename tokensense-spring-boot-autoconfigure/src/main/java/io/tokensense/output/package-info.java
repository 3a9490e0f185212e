/**
 * Where events go. Every output implements {@link io.tokensense.output.CallEventOutput}:
 * {@link io.tokensense.output.LogOutput} (a JSON line per call),
 * {@link io.tokensense.output.ConsoleOutput} (the original TokenSense one-liner),
 * {@link io.tokensense.output.JdbcOutput} (a row per call),
 * {@link io.tokensense.output.MicrometerOutput} (meters on a {@code MeterRegistry}) and
 * {@link io.tokensense.output.CompositeOutput} (several as one), next to the application's own.
 */
@NullMarked
package io.tokensense.output;

import org.jspecify.annotations.NullMarked;
