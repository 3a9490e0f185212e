/**
 * The asynchronous hand-off between observed calls and outputs. An
 * {@link io.tokensense.internal.pipeline.EventPipeline} holds a bounded queue that one daemon worker
 * drains in batches to each {@link io.tokensense.output.CallEventOutput}; an output that
 * fails is retried on its own and never holds back the others, and every event that cannot
 * be written is counted by reason ({@link io.tokensense.internal.pipeline.DropReasons}).
 */
@NullMarked
package io.tokensense.internal.pipeline;

import org.jspecify.annotations.NullMarked;
