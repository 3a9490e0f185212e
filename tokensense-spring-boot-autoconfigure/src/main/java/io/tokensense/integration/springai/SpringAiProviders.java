package io.tokensense.integration.springai;

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

	private SpringAiProviders() {
	}

	static String name(@Nullable String springAiName) {
		if (springAiName == null || springAiName.isBlank()) {
			return UNKNOWN;
		}
		String name = springAiName.trim().toLowerCase(Locale.ROOT);
		return OPEN_TELEMETRY_NAMES.getOrDefault(name, name);
	}

}
