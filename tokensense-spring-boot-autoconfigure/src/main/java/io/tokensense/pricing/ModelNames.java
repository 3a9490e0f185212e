package io.tokensense.pricing;

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
	 * Candidate keys for {@code model} served by {@code provider}: the name itself, without
	 * its date suffix, then with (or, when it already carries it, without) the provider prefix.
	 */
	static Set<String> candidates(@Nullable String provider, String model) {
		Set<String> names = new LinkedHashSet<>();
		names.add(model);
		names.add(undated(model));
		String prefix = prefix(provider);
		if (prefix != null) {
			if (model.startsWith(prefix)) {
				String bare = model.substring(prefix.length());
				names.add(bare);
				names.add(undated(bare));
			}
			else {
				names.add(prefix + model);
				names.add(prefix + undated(model));
			}
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
