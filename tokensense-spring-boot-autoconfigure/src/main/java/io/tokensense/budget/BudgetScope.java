package io.tokensense.budget;

import java.util.List;
import java.util.Locale;

import io.tokensense.CallEvent;
import org.jspecify.annotations.Nullable;

/**
 * What a budget limits: every call together, or the calls of each user, session, tag,
 * model (the requested one) or provider.
 */
public enum BudgetScope {

	/** All calls together. */
	GLOBAL,

	/** The calls of each user id. */
	USER,

	/** The calls of each session id. */
	SESSION,

	/** The calls carrying each tag (a call with two tags counts for both). */
	TAG,

	/** The calls asking for each model. */
	MODEL,

	/** The calls to each provider. */
	PROVIDER;

	/** The name used in properties and reports, e.g. {@code user}. */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The scope named by a property value.
	 * @throws IllegalArgumentException listing the accepted values
	 */
	public static BudgetScope of(String value) {
		for (BudgetScope scope : values()) {
			if (scope.propertyValue().equalsIgnoreCase(value.trim())) {
				return scope;
			}
		}
		throw new IllegalArgumentException("'" + value + "' is not a scope; use one of global, user, session, tag, "
				+ "model, provider");
	}

	/** The value of this scope for a single-valued call, or {@code null} when the call has none. */
	@Nullable String valueOf(String provider, @Nullable String model, @Nullable String userId,
			@Nullable String sessionId) {
		return switch (this) {
			case GLOBAL, TAG -> null;
			case USER -> userId;
			case SESSION -> sessionId;
			case MODEL -> model;
			case PROVIDER -> provider;
		};
	}

	/** The values of this scope in a recorded event (several for tags). */
	List<String> valuesOf(CallEvent event) {
		if (this == TAG) {
			return event.tags();
		}
		String value = valueOf(event.provider(), (event.requestModel() != null) ? event.requestModel()
				: event.responseModel(), event.userId(), event.sessionId());
		return (value != null && !value.isEmpty()) ? List.of(value) : List.of();
	}

}
