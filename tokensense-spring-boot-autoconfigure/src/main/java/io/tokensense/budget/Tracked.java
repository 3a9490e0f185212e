package io.tokensense.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * One budget's state: the spend of each key, and the keys that are blocked right now. The
 * blocked keys are a map of their own so that the check before a call is one lookup in a map
 * that is usually empty.
 */
final class Tracked {

	/** The key of a global budget, or of one with {@code match}. */
	static final String SINGLE = "";

	final Budget budget;

	/** The warn thresholds then the limit, in USD. */
	final BigDecimal[] thresholds;

	final Map<String, KeySpend> spend = new ConcurrentHashMap<>();

	final Map<String, Blocked> blocked = new ConcurrentHashMap<>();

	Tracked(Budget budget) {
		this.budget = budget;
		List<BigDecimal> warnAt = budget.warnAt();
		this.thresholds = new BigDecimal[warnAt.size() + 1];
		for (int i = 0; i < warnAt.size(); i++) {
			this.thresholds[i] = budget.limit().multiply(warnAt.get(i));
		}
		this.thresholds[warnAt.size()] = budget.limit();
	}

	/** The fraction of the limit threshold {@code i} stands for. */
	BigDecimal fraction(int i) {
		return (i < this.budget.warnAt().size()) ? this.budget.warnAt().get(i) : BigDecimal.ONE;
	}

	/** The keys of this budget an event's spend counts for. */
	List<String> keysOf(CallEvent event) {
		List<String> values = this.budget.scope().valuesOf(event);
		if (this.budget.scope() == BudgetScope.GLOBAL) {
			return List.of(SINGLE);
		}
		if (this.budget.match() != null) {
			return values.contains(this.budget.match()) ? List.of(SINGLE) : List.of();
		}
		return values;
	}

	/**
	 * The block on a call about to start, or {@code null}. Called on the caller's thread: lookups
	 * only, in a map that holds blocked keys alone.
	 */
	@Nullable Blocked blockOf(String provider, @Nullable String model, @Nullable String userId,
			@Nullable String sessionId, List<String> tags) {
		if (this.blocked.isEmpty()) {
			return null;
		}
		BudgetScope scope = this.budget.scope();
		String match = this.budget.match();
		if (scope == BudgetScope.GLOBAL) {
			return this.blocked.get(SINGLE);
		}
		if (scope == BudgetScope.TAG) {
			if (match != null) {
				return tags.contains(match) ? this.blocked.get(SINGLE) : null;
			}
			for (int i = 0; i < tags.size(); i++) {
				Blocked found = this.blocked.get(tags.get(i));
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		String value = scope.valueOf(provider, model, userId, sessionId);
		if (value == null) {
			return null;
		}
		if (match != null) {
			return match.equals(value) ? this.blocked.get(SINGLE) : null;
		}
		return this.blocked.get(value);
	}

	/** The report key of a map key: {@code null} for a global or matched budget. */
	@Nullable String reportKey(String key) {
		return this.budget.perKey() ? key : null;
	}

	/** A blocked key: until when, and what the exception reports. */
	record Blocked(String key, BigDecimal spent, long resetsAtMillis) {
	}

}
