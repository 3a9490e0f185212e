package io.tokensense.internal.pricing;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The service tiers a price catalog may price apart, with the suffix of their LiteLLM fields
 * ({@code input_cost_per_token_priority}).
 */
enum ServiceTier {

	/** The base prices: OpenAI's {@code default} and {@code auto}, Anthropic's {@code standard}. */
	STANDARD(""),

	/** OpenAI's and Anthropic's {@code priority}. */
	PRIORITY("_priority"),

	/** OpenAI's {@code flex}. */
	FLEX("_flex"),

	/** Batch prices: Anthropic's {@code batch} tier. */
	BATCH("_batches");

	private final String suffix;

	ServiceTier(String suffix) {
		this.suffix = suffix;
	}

	String suffix() {
		return this.suffix;
	}

	/**
	 * The tier a provider reported; anything it does not price apart ({@code default},
	 * {@code auto}, {@code standard}, {@code scale}, unknown values) is {@link #STANDARD}.
	 */
	static ServiceTier of(@Nullable String reported) {
		if (reported == null) {
			return STANDARD;
		}
		return switch (reported.trim().toLowerCase(Locale.ROOT)) {
			case "priority" -> PRIORITY;
			case "flex" -> FLEX;
			case "batch", "batches" -> BATCH;
			default -> STANDARD;
		};
	}

}
