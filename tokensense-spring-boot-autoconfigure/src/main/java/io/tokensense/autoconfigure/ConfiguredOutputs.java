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

	/** Outputs created here from their name. */
	static final List<String> BUILT_IN = List.of("log", "console");

	/** Outputs that their own auto-configuration contributes as a bean when its prerequisites exist. */
	static final List<String> CONTRIBUTED = List.of("jdbc", "micrometer");

	/** Every name {@code tokensense.outputs} accepts. */
	static final List<String> AVAILABLE = List.of("log", "console", "jdbc", "micrometer");

	private ConfiguredOutputs() {
	}

	/**
	 * The outputs named by the property (or chosen automatically), followed by the
	 * application's own {@link CallEventOutput} beans.
	 */
	static List<CallEventOutput> resolve(List<String> configured, List<CallEventOutput> applicationOutputs) {
		List<CallEventOutput> outputs = new ArrayList<>();
		for (String name : names(configured)) {
			if (BUILT_IN.contains(name)) {
				outputs.add(create(name));
			}
			else if (applicationOutputs.stream().noneMatch((output) -> output.name().equals(name))) {
				throw new IllegalStateException(PROPERTY + " names '" + name + "', but it could not be set up: "
						+ prerequisiteOf(name));
			}
		}
		outputs.addAll(applicationOutputs);
		return List.copyOf(outputs);
	}

	private static String prerequisiteOf(String name) {
		return switch (name) {
			case "jdbc" -> "it needs spring-jdbc on the class path and a DataSource bean or tokensense.jdbc.url";
			case "micrometer" -> "it needs Micrometer on the class path and a MeterRegistry bean";
			default -> "unknown output";
		};
	}

	/**
	 * The names to route to. Empty configuration means automatic: {@code log}, plus the
	 * contributed outputs whose auto-configuration found what it needs.
	 */
	static Set<String> names(List<String> configured) {
		Set<String> names = explicitNames(configured);
		if (names.isEmpty()) {
			names.add("log");
		}
		return names;
	}

	/** The names listed in {@code tokensense.outputs}, normalised; empty means automatic. */
	static Set<String> explicitNames(List<String> configured) {
		Set<String> names = new LinkedHashSet<>();
		for (String name : configured) {
			String normalised = name.trim().toLowerCase(Locale.ROOT);
			if (!normalised.isEmpty()) {
				if (!AVAILABLE.contains(normalised)) {
					throw new IllegalStateException(
							PROPERTY + " names an unknown output '" + name + "'; available: " + AVAILABLE);
				}
				names.add(normalised);
			}
		}
		return names;
	}

	private static CallEventOutput create(String name) {
		return switch (name) {
			case "log" -> new LogOutput();
			case "console" -> new ConsoleOutput();
			default -> throw new IllegalArgumentException("not a built-in output: " + name);
		};
	}

}
