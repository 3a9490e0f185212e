package io.tokensense.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The providers {@code /demo/chat} can call, with the model each demo call asks for.
 */
enum DemoProvider {

	OPENAI("gpt-4o-mini"),

	ANTHROPIC("claude-haiku-4-5"),

	GROQ("llama-3.3-70b-versatile");

	private final String model;

	DemoProvider(String model) {
		this.model = model;
	}

	String model() {
		return this.model;
	}

	/** The name used in URLs and answers, e.g. {@code openai}. */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<DemoProvider> find(String id) {
		return Arrays.stream(values()).filter((provider) -> provider.id().equalsIgnoreCase(id.trim())).findFirst();
	}

	/** {@code openai, anthropic, groq}, for error messages. */
	static String ids() {
		return Arrays.stream(values()).map(DemoProvider::id).collect(Collectors.joining(", "));
	}

}
