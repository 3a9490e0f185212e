package io.tokensense.internal.pricing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One LiteLLM price field TokenSense reads, taken apart: a bucket, a long-context threshold
 * ({@code 0} for none) and a service tier, e.g.
 * {@code cache_read_input_token_cost_above_272k_tokens_priority}.
 *
 * @param bucket the token bucket priced
 * @param threshold the input size in tokens the call must strictly exceed, {@code 0} for none
 * @param tier the service tier
 */
record PriceField(PriceBucket bucket, long threshold, ServiceTier tier) {

	private static final Pattern NAME = Pattern.compile("(input_cost_per_token|output_cost_per_token"
			+ "|cache_read_input_token_cost|cache_creation_input_token_cost_above_1hr|cache_creation_input_token_cost"
			+ "|output_cost_per_reasoning_token)(?:_above_(\\d{1,9})k_tokens)?(_priority|_flex|_batches)?");

	/** The field a name denotes, or {@code null} for a field TokenSense does not read. */
	static @Nullable PriceField parse(String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			return null;
		}
		PriceBucket bucket = null;
		for (PriceBucket candidate : PriceBucket.values()) {
			if (candidate.field().equals(matcher.group(1))) {
				bucket = candidate;
			}
		}
		long threshold = (matcher.group(2) != null) ? Long.parseLong(matcher.group(2)) * 1000 : 0;
		ServiceTier tier = ServiceTier.STANDARD;
		for (ServiceTier candidate : ServiceTier.values()) {
			if (!candidate.suffix().isEmpty() && candidate.suffix().equals(matcher.group(3))) {
				tier = candidate;
			}
		}
		return (bucket != null) ? new PriceField(bucket, threshold, tier) : null;
	}

	/** The LiteLLM name of this field. */
	String name() {
		return this.bucket.field() + ((this.threshold > 0) ? "_above_" + (this.threshold / 1000) + "k_tokens" : "")
				+ this.tier.suffix();
	}

}
