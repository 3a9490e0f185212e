package io.tokensense.internal.provider;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Names a provider from the host a client talks to, with OpenTelemetry's
 * {@code gen_ai.provider.name} values. Hosts not listed here stay unnamed: the caller then
 * falls back to what the response or the SDK says.
 */
public final class ProviderNames {

	private ProviderNames() {
	}

	/** The provider of a base URL, or {@code null} when the host is not a known one. */
	public static @Nullable String fromBaseUrl(@Nullable String baseUrl) {
		String host = hostOf(baseUrl);
		if (host == null) {
			return null;
		}
		if (matches(host, "api.openai.com")) {
			return "openai";
		}
		if (matches(host, "api.anthropic.com")) {
			return "anthropic";
		}
		if (matches(host, "api.groq.com")) {
			return "groq";
		}
		if (host.endsWith(".openai.azure.com")) {
			return "azure.ai.openai";
		}
		if (matches(host, "api.deepseek.com")) {
			return "deepseek";
		}
		if (matches(host, "api.mistral.ai")) {
			return "mistral_ai";
		}
		if (matches(host, "api.x.ai")) {
			return "x_ai";
		}
		if (matches(host, "openrouter.ai")) {
			return "openrouter";
		}
		return null;
	}

	private static boolean matches(String host, String known) {
		return host.equals(known) || host.endsWith("." + known);
	}

	private static @Nullable String hostOf(@Nullable String baseUrl) {
		if (baseUrl == null || baseUrl.isBlank()) {
			return null;
		}
		try {
			String host = URI.create(baseUrl.trim()).getHost();
			return (host != null) ? host.toLowerCase(Locale.ROOT) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
