package io.tokensense.output;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the {@code error.type} tag's values few: HTTP statuses (three digits, a bounded set by
 * nature) pass as they are, and so do the first {@code max} distinct other values (exception
 * class names); later ones become {@link TokenSenseMeters#OTHER}. Every distinct value is a new
 * time series, and an exception type per stack frame or per library must not exhaust a
 * metrics backend. Safe for concurrent use; under a race the bound may be passed by a few.
 */
final class BoundedErrorTypes {

	private final int max;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	BoundedErrorTypes(int max) {
		this.max = max;
	}

	/** The tag value for an unsuccessful call's error type. */
	String tagValue(@Nullable String errorType) {
		if (errorType == null || errorType.isEmpty()) {
			return TokenSenseMeters.OTHER;
		}
		if (isHttpStatus(errorType) || this.seen.contains(errorType)) {
			return errorType;
		}
		if (this.seen.size() >= this.max) {
			return TokenSenseMeters.OTHER;
		}
		this.seen.add(errorType);
		return errorType;
	}

	private static boolean isHttpStatus(String value) {
		return value.length() == 3 && value.charAt(0) >= '1' && value.charAt(0) <= '5'
				&& Character.isDigit(value.charAt(1)) && Character.isDigit(value.charAt(2));
	}

}
