package io.tokensense.output;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The outputs TokenSense can set up by name in {@code tokensense.outputs}: the one place for
 * each output's name, what it needs and what startup says when that is missing. Each output
 * answers its {@link CallEventOutput#name()} from here, the routing accepts these names, and
 * the auto-configuration of an output that needs something is conditional on its constant.
 * Adding an output means a constant here plus its own class.
 */
public enum BuiltInOutput {

	/** One JSON line per call on logger {@code io.tokensense.events}; needs nothing. */
	LOG("log", null),

	/** One short human-readable line per call on standard output; needs nothing. */
	CONSOLE("console", null),

	/** One row per call in a database table. */
	JDBC("jdbc", "spring-jdbc on the class path and a DataSource bean or tokensense.jdbc.url"),

	/** TokenSense's meters on the application's registry. */
	MICROMETER("micrometer", "Micrometer on the class path and a MeterRegistry bean");

	/** The property that lists outputs by name. */
	public static final String PROPERTY = "tokensense.outputs";

	private final String outputName;

	private final @Nullable String requirement;

	BuiltInOutput(String outputName, @Nullable String requirement) {
		this.outputName = outputName;
		this.requirement = requirement;
	}

	/**
	 * The output's name in {@code tokensense.outputs}, in logs and in health.
	 * @return e.g. {@code jdbc}
	 */
	public String outputName() {
		return this.outputName;
	}

	/**
	 * Whether the output needs something of the application (a bean, a library), so that its
	 * own auto-configuration creates it when that is there, rather than the routing by name.
	 * @return whether it has prerequisites
	 */
	public boolean needsSetup() {
		return this.requirement != null;
	}

	/**
	 * Why the output could not be set up although {@code tokensense.outputs} names it.
	 * @return a message naming the property and what the output needs
	 */
	public String missingMessage() {
		return PROPERTY + " names '" + this.outputName + "', but it could not be set up: it needs "
				+ ((this.requirement != null) ? this.requirement : "nothing, so this is a bug");
	}

	/**
	 * The output of a name as written in {@code tokensense.outputs}: trimmed, any case.
	 * @param name the name
	 * @return the output, or empty when no built-in output has that name
	 */
	public static Optional<BuiltInOutput> named(String name) {
		String normalised = name.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((output) -> output.outputName.equals(normalised)).findFirst();
	}

	/**
	 * Every name {@code tokensense.outputs} accepts.
	 * @return the names, in declaration order
	 */
	public static List<String> names() {
		return Arrays.stream(values()).map(BuiltInOutput::outputName).toList();
	}

}
