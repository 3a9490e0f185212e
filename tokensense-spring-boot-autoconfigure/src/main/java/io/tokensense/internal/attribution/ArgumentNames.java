package io.tokensense.internal.attribution;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterNameDiscoverer;

/**
 * The names a method's arguments go by in an expression, worked out once per method: the
 * parameter's name when the class keeps it, {@code p0} and {@code a0} always.
 */
final class ArgumentNames {

	private final @Nullable String[] declared;

	private final String[] positional;

	private final String[] aliases;

	/** No arguments. */
	static final ArgumentNames NONE = new ArgumentNames(new String[0]);

	private ArgumentNames(String[] declared) {
		this.declared = declared;
		this.positional = declared;
		this.aliases = declared;
	}

	ArgumentNames(Method method, ParameterNameDiscoverer discoverer) {
		int count = method.getParameterCount();
		String[] discovered = discoverer.getParameterNames(method);
		this.declared = (discovered != null && discovered.length == count) ? discovered : new String[count];
		this.positional = new String[count];
		this.aliases = new String[count];
		for (int i = 0; i < count; i++) {
			this.positional[i] = "p" + i;
			this.aliases[i] = "a" + i;
		}
	}

	/** The argument's position, or -1 when no argument goes by that name. */
	int indexOf(String name) {
		for (int i = 0; i < this.positional.length; i++) {
			if (name.equals(this.declared[i]) || name.equals(this.positional[i]) || name.equals(this.aliases[i])) {
				return i;
			}
		}
		return -1;
	}

}
