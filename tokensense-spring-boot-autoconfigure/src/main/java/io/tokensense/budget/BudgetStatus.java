package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.tokensense.internal.support.MoneyJson;
import org.jspecify.annotations.Nullable;

/**
 * Where a budget, or one key of a budget per key, stands now.
 *
 * @param name the budget
 * @param scope its scope
 * @param key the user, session, tag, model or provider, or {@code null} for a global or matched budget
 * @param limit USD per window
 * @param spent USD spent in the window
 * @param remaining what is left before the limit, never below zero
 * @param windowStart where the window starts
 * @param windowEnd where it ends (now, for a rolling window)
 * @param state {@code ok}, {@code warn} (a warn threshold reached) or {@code exceeded}
 */
@JsonPropertyOrder({ "name", "scope", "key", "limit", "spent", "remaining", "windowStart", "windowEnd", "state" })
public record BudgetStatus(String name, String scope, @Nullable String key, @JsonIgnore BigDecimal limit,
		@JsonIgnore BigDecimal spent, @JsonIgnore BigDecimal remaining, Instant windowStart, Instant windowEnd,
		String state) {

	/** Below every threshold. */
	public static final String OK = "ok";

	/** {@code limit} in JSON, in plain notation whatever the mapper's settings (see {@link MoneyJson}). */
	@JsonProperty("limit")
	@JsonRawValue
	String limitJson() {
		return MoneyJson.plain(this.limit);
	}

	/** {@code spent} in JSON, in plain notation. */
	@JsonProperty("spent")
	@JsonRawValue
	String spentJson() {
		return MoneyJson.plain(this.spent);
	}

	/** {@code remaining} in JSON, in plain notation. */
	@JsonProperty("remaining")
	@JsonRawValue
	String remainingJson() {
		return MoneyJson.plain(this.remaining);
	}

}
