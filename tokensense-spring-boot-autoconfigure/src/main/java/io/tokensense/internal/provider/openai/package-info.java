/**
 * Reads the official openai-java SDK (and OpenAI-compatible hosts such as Groq).
 */
@NullMarked
package io.tokensense.internal.provider.openai;

import org.jspecify.annotations.NullMarked;
