package io.tokensense.internal.provider.openai;

import java.util.Map;
import java.util.Optional;

import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.core.KnownValue;
import io.tokensense.internal.provider.TokenCounts;
import org.jspecify.annotations.Nullable;

/**
 * Guarded reads of the SDK's {@link JsonField}s. The typed getters throw on a missing or
 * mistyped field; these return empty instead, and accept a count written as any JSON number.
 */
final class OpenAiFields {

	private OpenAiFields() {
	}

	static <T> Optional<T> known(@Nullable JsonField<T> field) {
		return (field != null) ? field.asKnown() : Optional.empty();
	}

	/**
	 * The field's value, or {@code null}: what {@code known(field).orElse(null)} gives, without
	 * the {@link Optional} that {@link JsonField#asKnown()} allocates on every read.
	 */
	@SuppressWarnings("unchecked")
	static <T> @Nullable T value(@Nullable JsonField<T> field) {
		return (field instanceof KnownValue<?> known) ? (T) known.value() : null;
	}

	/** A count, 0 when absent or not a number; never throws, so one odd count costs only itself. */
	static long count(@Nullable JsonField<Long> field) {
		if (field == null) {
			return 0;
		}
		Long known = value(field);
		if (known != null) {
			return known;
		}
		try {
			return field.asNumber().map(TokenCounts::of).orElse(0L);
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	static boolean present(@Nullable JsonField<?> field) {
		return value(field) != null;
	}

	static Optional<Long> countOf(@Nullable JsonValue value) {
		if (value == null) {
			return Optional.empty();
		}
		Optional<Number> number = asNumber(value);
		return number.map(TokenCounts::of);
	}

	/** The SDK declares {@link JsonValue} as a raw {@code JsonField}, so its typed views need a cast. */
	@SuppressWarnings("unchecked")
	private static Optional<Number> asNumber(JsonValue value) {
		return ((JsonField<?>) value).asNumber();
	}

	@SuppressWarnings("unchecked")
	static Map<String, JsonValue> asObject(@Nullable JsonValue value) {
		if (value == null) {
			return Map.of();
		}
		Optional<Map<String, JsonValue>> object = ((JsonField<?>) value).asObject();
		return object.orElse(Map.of());
	}

}
