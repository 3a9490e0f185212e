/**
 * Spring AI: an observation handler that turns each finished {@code ChatModel} and
 * {@code EmbeddingModel} call of any provider into a {@link io.tokensense.CallEvent}, and a
 * {@code ChatClient} advisor that refuses calls of spent budgets.
 */
@NullMarked
package io.tokensense.internal.integration.springai;

import org.jspecify.annotations.NullMarked;
