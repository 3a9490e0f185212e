package io.tokensense.internal.provider;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The one search for the SDK interface a class is observed through: a client, a stream, a raw
 * response. The SDKs' implementation classes may implement a sub-interface or inherit the
 * interface from a superclass, so both are walked.
 */
public final class Interfaces {

	private Interfaces() {
	}

	/** The first interface of the class or its superclasses (or their super-interfaces) that matches. */
	public static @Nullable Class<?> find(Class<?> type, Predicate<Class<?>> wanted) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			for (Class<?> iface : candidate.getInterfaces()) {
				Class<?> found = wanted.test(iface) ? iface : find(iface, wanted);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
