package io.tokensense.internal.pricing;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The catalog keys a model name may be listed under, most specific first. Only date
 * suffixes and the provider prefix are tried: anything looser could price a model with
 * another model's price.
 */
final class ModelNames {

	/**
	 * {@code -2024-08-06}, {@code -20250929}, Vertex's {@code @20241022}, and {@code -latest}
	 * aliases. Four-digit suffixes such as {@code -0905} are left alone: they name distinct
	 * models ({@code kimi-k2-instruct-0905}).
	 */
	private static final Pattern DATE_SUFFIX = Pattern
		.compile("(?:-20\\d{2}-[01]\\d-[0-3]\\d|[-@]20\\d{2}[01]\\d[0-3]\\d|-latest)$");

	/** OpenTelemetry provider names whose LiteLLM prefix differs. */
	private static final Map<String, String> LITELLM_PREFIXES = Map.of("azure.ai.openai", "azure", "mistral_ai",
			"mistral", "x_ai", "xai", "gcp.gemini", "gemini", "gcp.vertex_ai", "vertex_ai", "aws.bedrock", "bedrock");

	private ModelNames() {
	}

	/**
	 * Candidate keys for {@code model} served by {@code provider}, most specific first: with the
	 * provider's LiteLLM prefix, as given, then both without a date suffix. A name that already
	 * carries the prefix ({@code groq/llama-3.3-70b-versatile}) is also tried without it.
	 */
	static Set<String> candidates(@Nullable String provider, String model) {
		Set<String> names = new LinkedHashSet<>();
		String prefix = prefix(provider);
		String undated = undated(model);
		if (prefix != null && !model.startsWith(prefix)) {
			names.add(prefix + model);
		}
		names.add(model);
		if (prefix != null && !model.startsWith(prefix)) {
			names.add(prefix + undated);
		}
		names.add(undated);
		if (prefix != null && model.startsWith(prefix)) {
			String bare = model.substring(prefix.length());
			names.add(bare);
			names.add(undated(bare));
		}
		return names;
	}

	/** The name without a trailing date or {@code -latest}. */
	static String undated(String model) {
		return DATE_SUFFIX.matcher(model).replaceFirst("");
	}

	private static @Nullable String prefix(@Nullable String provider) {
		if (provider == null || provider.isBlank()) {
			return null;
		}
		String name = provider.trim().toLowerCase(Locale.ROOT);
		return LITELLM_PREFIXES.getOrDefault(name, name) + "/";
	}

}
