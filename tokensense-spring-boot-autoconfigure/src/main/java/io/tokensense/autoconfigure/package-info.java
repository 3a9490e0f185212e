/**
 * Spring Boot auto-configuration of TokenSense: wraps LLM client beans, publishes call
 * events and routes them to the configured outputs.
 */
@NullMarked
package io.tokensense.autoconfigure;

import org.jspecify.annotations.NullMarked;
