/**
 * LangChain4j: a {@code ChatModelListener} that turns each chat and streaming chat model call
 * into a {@link io.tokensense.CallEvent}.
 */
@NullMarked
package io.tokensense.internal.integration.langchain4j;

import org.jspecify.annotations.NullMarked;
