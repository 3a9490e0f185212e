package io.tokensense.internal.integration.springai;

import java.lang.reflect.Method;

import io.tokensense.internal.provider.ProviderAdapters;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP status of a failed model call: from the SDK's exception when the model is built on
 * one (OpenAI, Anthropic), else from a Spring web client exception
 * ({@code RestClientResponseException}, {@code WebClientResponseException}), looking through
 * the causes Spring AI may wrap it in. Read by reflection: the web client may not be there.
 */
final class SpringAiErrors {

	private SpringAiErrors() {
	}

	static @Nullable String httpStatus(Throwable error) {
		return ProviderAdapters.httpStatus(error, SpringAiErrors::statusCode);
	}

	private static @Nullable Integer statusCode(Throwable error) {
		String type = error.getClass().getName();
		if (!type.startsWith("org.springframework.web.")) {
			return null;
		}
		try {
			Method getStatusCode = error.getClass().getMethod("getStatusCode");
			Object status = getStatusCode.invoke(error);
			if (status == null) {
				return null;
			}
			Object value = status.getClass().getMethod("value").invoke(status);
			return (value instanceof Integer code) ? code : null;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

}
