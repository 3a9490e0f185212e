package io.tokensense.internal.capture;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

import io.tokensense.internal.provider.ProviderAdapter;

/**
 * What a billed method returns, read from its declared return type once: a value, the SDK's
 * raw response, a blocking stream or an async stream; each possibly inside a
 * {@link CompletableFuture}. It decides how the call is observed.
 *
 * @param future whether the result comes in a {@code CompletableFuture}
 * @param kind what the result, or the future's value, is
 */
record ResultShape(boolean future, Kind kind) {

	enum Kind {

		/** A response object such as {@code ChatCompletion}. */
		VALUE,

		/** An {@code HttpResponseFor}, parsed by the caller. */
		RAW,

		/** A blocking {@code StreamResponse}. */
		STREAM,

		/** An {@code AsyncStreamResponse}. */
		ASYNC_STREAM

	}

	static ResultShape of(ProviderAdapter adapter, Method method) {
		Class<?> returned = method.getReturnType();
		if (CompletableFuture.class.isAssignableFrom(returned)) {
			return new ResultShape(true, kindOf(adapter, valueClass(method.getGenericReturnType())));
		}
		return new ResultShape(false, kindOf(adapter, returned));
	}

	private static Kind kindOf(ProviderAdapter adapter, Class<?> type) {
		if (adapter.isRawResponse(type)) {
			return Kind.RAW;
		}
		if (adapter.isStream(type)) {
			return Kind.STREAM;
		}
		return adapter.isAsyncStream(type) ? Kind.ASYNC_STREAM : Kind.VALUE;
	}

	private static Class<?> valueClass(Type futureType) {
		if (futureType instanceof ParameterizedType parameterized) {
			Type value = parameterized.getActualTypeArguments()[0];
			if (value instanceof ParameterizedType inner && inner.getRawType() instanceof Class<?> raw) {
				return raw;
			}
			if (value instanceof Class<?> plain) {
				return plain;
			}
		}
		return Object.class;
	}

}
