/**
 * TokenSense: the cost, tokens and outcome of every LLM call. Start with
 * {@link io.tokensense.TokenSense#observe(Object)}; each call becomes a {@link io.tokensense.CallEvent}.
 */
@NullMarked
package io.tokensense;

import org.jspecify.annotations.NullMarked;
