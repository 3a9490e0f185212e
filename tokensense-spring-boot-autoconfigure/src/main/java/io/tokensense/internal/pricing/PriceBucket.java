package io.tokensense.internal.pricing;

/**
 * The exclusive token buckets a call is priced by, each with the LiteLLM field of its base
 * price. A bucket's price may be refined by a long-context threshold and a service tier:
 * {@code <field>_above_<N>k_tokens_<tier>} ({@link PriceField}).
 */
enum PriceBucket {

	/** Input tokens neither read from nor written to the cache. */
	INPUT("input_cost_per_token"),

	/** Output tokens that are not reasoning. */
	OUTPUT("output_cost_per_token"),

	/** Input tokens read from the prompt cache. */
	CACHE_READ("cache_read_input_token_cost"),

	/** Input tokens written to the prompt cache with the default (five-minute) lifetime. */
	CACHE_WRITE("cache_creation_input_token_cost"),

	/** Input tokens written to the prompt cache for one hour (Anthropic). */
	CACHE_WRITE_1H("cache_creation_input_token_cost_above_1hr"),

	/** Output tokens spent on reasoning. */
	REASONING("output_cost_per_reasoning_token");

	/** DeepSeek's name for the cache read price: used when {@code cache_read_input_token_cost} is absent. */
	static final String CACHE_HIT = "input_cost_per_token_cache_hit";

	private final String field;

	PriceBucket(String field) {
		this.field = field;
	}

	/** The LiteLLM field of this bucket's base price. */
	String field() {
		return this.field;
	}

}
