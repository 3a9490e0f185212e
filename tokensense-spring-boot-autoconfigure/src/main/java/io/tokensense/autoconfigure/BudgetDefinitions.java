package io.tokensense.autoconfigure;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetAction;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.BudgetWindow;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads the budgets under {@code tokensense.budgets.<name>}. They share their prefix with the
 * settings of every budget ({@code zone}, {@code refresh-interval}), which is why they are bound
 * here one name at a time rather than as a map of {@link TokenSenseProperties}. A refused value
 * fails startup with the property's full name and the reason.
 */
final class BudgetDefinitions {

	static final String PREFIX = "tokensense.budgets";

	/** Names under the prefix that are settings, not budgets. */
	private static final Set<String> SETTINGS = Set.of("zone", "refresh-interval");

	private BudgetDefinitions() {
	}

	static List<Budget> bind(Environment environment, ZoneId zone) {
		Binder binder = Binder.get(environment);
		Map<String, String> flat = binder.bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
		Set<String> names = new LinkedHashSet<>();
		for (String key : flat.keySet()) {
			int dot = key.indexOf('.');
			if (dot > 0 && !SETTINGS.contains(key.substring(0, dot))) {
				names.add(key.substring(0, dot));
			}
		}
		List<Budget> budgets = new ArrayList<>();
		for (String name : names) {
			BudgetProperties properties = binder.bind(PREFIX + "." + name, BudgetProperties.class)
				.orElseGet(BudgetProperties::new);
			budgets.add(toBudget(name, properties, zone));
		}
		return budgets;
	}

	static Budget toBudget(String name, BudgetProperties properties, ZoneId zone) {
		String prefix = PREFIX + "." + name + ".";
		if (properties.getLimit() == null) {
			throw new IllegalStateException(prefix + "limit must be set: the budget's USD per window");
		}
		if (properties.getWindow() == null) {
			throw new IllegalStateException(prefix + "window must be set: a duration such as P1D, or day, week, month");
		}
		BudgetWindow window = parsed(prefix + "window", properties.getWindow(), (text) -> BudgetWindow.parse(text, zone));
		BudgetScope scope = parsed(prefix + "scope", properties.getScope(), BudgetScope::of);
		BudgetAction action = parsed(prefix + "action", properties.getAction(), BudgetAction::of);
		try {
			return new Budget(name, properties.getLimit(), window, scope, properties.getMatch(), properties.getWarnAt(),
					action);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(prefix + ex.getMessage(), ex);
		}
	}

	private static <T> T parsed(String property, String value, Function<String, T> parser) {
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + ": " + ex.getMessage(), ex);
		}
	}

}
