package io.tokensense.internal.integration.springai;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Spring AI's provider names ({@code AiProvider} values and what other models report) as the
 * OpenTelemetry {@code gen_ai.provider.name} values TokenSense uses; a name not listed here is
 * kept as Spring AI wrote it.
 */
final class SpringAiProviders {

	private static final Map<String, String> OPEN_TELEMETRY_NAMES = Map.of("google_genai", "gcp.gemini",
			"vertex_ai", "gcp.vertex_ai", "bedrock_converse", "aws.bedrock", "bedrock", "aws.bedrock", "azure_openai",
			"azure.ai.openai", "azure-openai", "azure.ai.openai", "mistral", "mistral_ai");

	/** What a call of an unnamed provider reports. */
	static final String UNKNOWN = "spring_ai";

	/**
	 * Spring AI's model modules by the package segment after {@code org.springframework.ai.}, as
	 * the provider names their models give their observations.
	 */
	private static final Map<String, String> MODULES = Map.of("openai", "openai", "anthropic", "anthropic", "ollama",
			"ollama", "mistralai", "mistral", "google", "google_genai", "vertexai", "vertex_ai", "bedrock",
			"bedrock_converse", "azure", "azure_openai", "deepseek", "deepseek");

	private static final String SPRING_AI_PACKAGE = "org.springframework.ai.";

	private SpringAiProviders() {
	}

	/**
	 * The provider of a chat request, told by the type of its options: a {@code ChatClient} hands
	 * its advisors the model's own options type ({@code OpenAiChatOptions}, ...) but not the model.
	 * Options of Spring AI's common types, or of a model outside Spring AI, give {@link #UNKNOWN}.
	 */
	static String ofOptions(@Nullable Object options) {
		if (options == null) {
			return UNKNOWN;
		}
		String type = options.getClass().getName();
		if (!type.startsWith(SPRING_AI_PACKAGE)) {
			return UNKNOWN;
		}
		int end = type.indexOf('.', SPRING_AI_PACKAGE.length());
		String module = (end < 0) ? "" : type.substring(SPRING_AI_PACKAGE.length(), end);
		String springAiName = MODULES.get(module);
		return (springAiName != null) ? name(springAiName) : UNKNOWN;
	}

	static String name(@Nullable String springAiName) {
		if (springAiName == null || springAiName.isBlank()) {
			return UNKNOWN;
		}
		String name = springAiName.trim().toLowerCase(Locale.ROOT);
		return OPEN_TELEMETRY_NAMES.getOrDefault(name, name);
	}

}
