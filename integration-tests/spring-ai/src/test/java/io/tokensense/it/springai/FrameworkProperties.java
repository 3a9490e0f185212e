package io.tokensense.it.springai;

import io.tokensense.testsupport.LoopbackServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties every framework test shares, so that they share one Spring context. */
final class FrameworkProperties {

	private FrameworkProperties() {
	}

	static void register(DynamicPropertyRegistry registry, LoopbackServer server) {
		registry.add("spring.ai.openai.base-url", () -> server.url("/v1"));
		registry.add("spring.ai.openai.api-key", () -> "sk-test");
		registry.add("spring.ai.openai.chat.model", () -> "gpt-4o-mini");
		registry.add("spring.ai.openai.chat.max-retries", () -> "0");
		registry.add("spring.ai.openai.embedding.max-retries", () -> "0");
		registry.add("spring.ai.anthropic.base-url", () -> server.url(""));
		registry.add("spring.ai.anthropic.api-key", () -> "sk-ant-test");
		registry.add("spring.ai.anthropic.chat.model", () -> "claude-haiku-4-5");
		registry.add("spring.ai.anthropic.max-retries", () -> "0");
		registry.add("tokensense.queue.flush-interval", () -> "50ms");
		registry.add("tokensense.outputs", () -> "log");
	}

}
