package io.tokensense.capture;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/** Finds the SDK interface an implementation class is observed through. */
final class Interfaces {

	private Interfaces() {
	}

	/** The first interface of the class or its superclasses (or their super-interfaces) that matches. */
	static @Nullable Class<?> find(Class<?> type, Predicate<Class<?>> wanted) {
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
