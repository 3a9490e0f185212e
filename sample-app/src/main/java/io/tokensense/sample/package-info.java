/**
 * A runnable Spring Boot application that shows TokenSense observing OpenAI, Anthropic
 * and Groq clients, against the real providers or a built-in fake one.
 */
@NullMarked
package io.tokensense.sample;

import org.jspecify.annotations.NullMarked;
