package io.tokensense.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tokensense.output.CallEventOutput;
import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.LogOutput;

/**
 * Turns {@code tokensense.outputs} into outputs. An empty list means the automatic choice;
 * an unknown name fails startup with a message that names the property and the choices.
 */
final class ConfiguredOutputs {

	static final String PROPERTY = "tokensense.outputs";

	/** The names this version can route to. */
	static final List<String> AVAILABLE = List.of("log", "console");

	private ConfiguredOutputs() {
	}

	/**
	 * The outputs named by the property (or chosen automatically), followed by the
	 * application's own {@link CallEventOutput} beans.
	 */
	static List<CallEventOutput> resolve(List<String> configured, List<CallEventOutput> applicationOutputs) {
		List<CallEventOutput> outputs = new ArrayList<>();
		for (String name : names(configured)) {
			outputs.add(create(name));
		}
		outputs.addAll(applicationOutputs);
		return List.copyOf(outputs);
	}

	static Set<String> names(List<String> configured) {
		Set<String> names = new LinkedHashSet<>();
		for (String name : configured) {
			String normalised = name.trim().toLowerCase(Locale.ROOT);
			if (!normalised.isEmpty()) {
				names.add(normalised);
			}
		}
		if (names.isEmpty()) {
			names.add("log");
		}
		return names;
	}

	private static CallEventOutput create(String name) {
		return switch (name) {
			case "log" -> new LogOutput();
			case "console" -> new ConsoleOutput();
			case "jdbc", "micrometer" -> throw new IllegalStateException(PROPERTY + " names '" + name
					+ "', which this version of TokenSense does not provide yet; available: " + AVAILABLE);
			default -> throw new IllegalStateException(
					PROPERTY + " names an unknown output '" + name + "'; available: " + AVAILABLE);
		};
	}

}
