package io.tokensense.internal.provider.anthropic;

import java.util.Optional;

import com.anthropic.core.JsonField;
import com.anthropic.core.KnownValue;
import io.tokensense.internal.provider.TokenCounts;
import org.jspecify.annotations.Nullable;

/**
 * Guarded reads of the SDK's {@link JsonField}s: the typed getters throw on a missing or
 * mistyped field, these return empty or zero instead.
 */
final class AnthropicFields {

	private AnthropicFields() {
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

	static boolean present(@Nullable JsonField<?> field) {
		return field != null && field.asKnown().isPresent();
	}

	/** A count, 0 when absent or not a number; never throws, so one odd count costs only itself. */
	static long count(@Nullable JsonField<Long> field) {
		if (field == null) {
			return 0;
		}
		try {
			Optional<Long> known = field.asKnown();
			if (known.isPresent()) {
				return known.get();
			}
			return field.asNumber().map(TokenCounts::of).orElse(0L);
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
