package io.tokensense.internal.recording;

import org.jspecify.annotations.Nullable;

/**
 * The {@code errorType} of a failed call: the provider's HTTP status when the error carries
 * one, else the exception's simple class name; never its message, which may hold user data.
 */
public final class ErrorTypes {

	/** The error type of a stream closed before its end. */
	public static final String CANCELLED = "Cancelled";

	private ErrorTypes() {
	}

	/**
	 * @param error what the call threw
	 * @param httpStatus the HTTP status read from it by whoever knows its type, or {@code null}
	 */
	public static String of(Throwable error, @Nullable String httpStatus) {
		if (httpStatus != null) {
			return httpStatus;
		}
		String simpleName = error.getClass().getSimpleName();
		return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
	}

}
