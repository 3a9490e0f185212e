package io.tokensense.budget;

import java.util.Locale;

/** What a budget does once spend reaches its limit. */
public enum BudgetAction {

	/** Publish alerts only; calls go on. */
	ALERT,

	/** Publish alerts and refuse further calls of the key until the window moves on. */
	BLOCK;

	/**
	 * The action named by a property value.
	 * @throws IllegalArgumentException listing the accepted values
	 */
	public static BudgetAction of(String value) {
		for (BudgetAction action : values()) {
			if (action.name().equalsIgnoreCase(value.trim())) {
				return action;
			}
		}
		throw new IllegalArgumentException("'" + value + "' is not an action; use alert or block");
	}

	/** The name used in properties, e.g. {@code block}. */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
