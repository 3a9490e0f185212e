package io.tokensense.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tokensense.output.BuiltInOutput;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.ConsoleOutput;
import io.tokensense.output.LogOutput;

/**
 * Turns {@code tokensense.outputs} into outputs. An empty list means the automatic choice;
 * an unknown name fails startup with a message that names the property and the choices.
 * Names, prerequisites and messages come from {@link BuiltInOutput}.
 */
final class ConfiguredOutputs {

	private ConfiguredOutputs() {
	}

	/**
	 * The outputs named by the property (or chosen automatically), followed by the
	 * application's own {@link CallEventOutput} beans, among which are the outputs that their
	 * own auto-configuration contributed.
	 */
	static List<CallEventOutput> resolve(List<String> configured, List<CallEventOutput> applicationOutputs) {
		List<CallEventOutput> outputs = new ArrayList<>();
		for (BuiltInOutput output : routed(configured)) {
			if (!output.needsSetup()) {
				outputs.add(create(output));
			}
			else if (applicationOutputs.stream().noneMatch((bean) -> bean.name().equals(output.outputName()))) {
				throw new IllegalStateException(output.missingMessage());
			}
		}
		outputs.addAll(applicationOutputs);
		return List.copyOf(outputs);
	}

	/**
	 * The outputs to route to. Empty configuration means automatic: {@code log}, plus the
	 * outputs whose auto-configuration found what it needs.
	 */
	static Set<BuiltInOutput> routed(List<String> configured) {
		Set<BuiltInOutput> outputs = explicit(configured);
		if (outputs.isEmpty()) {
			outputs.add(BuiltInOutput.LOG);
		}
		return outputs;
	}

	/** The outputs listed in {@code tokensense.outputs}; empty means automatic. */
	static Set<BuiltInOutput> explicit(List<String> configured) {
		Set<BuiltInOutput> outputs = new LinkedHashSet<>();
		for (String name : configured) {
			if (!name.isBlank()) {
				outputs.add(BuiltInOutput.named(name)
					.orElseThrow(() -> new IllegalStateException(BuiltInOutput.PROPERTY + " names an unknown output '"
							+ name + "'; available: " + BuiltInOutput.names())));
			}
		}
		return outputs;
	}

	private static CallEventOutput create(BuiltInOutput output) {
		return switch (output) {
			case LOG -> new LogOutput();
			case CONSOLE -> new ConsoleOutput();
			default -> throw new IllegalArgumentException("not created by name: " + output.outputName());
		};
	}

}
