package io.tokensense.usage;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for how long a short text (user, session, model, provider, ...) is kept: the
 * jdbc output cuts it when it writes a row, and both usage stores cut filters and keys the
 * same way, so filtering by the full value finds what was stored and memory answers as the
 * table does.
 */
public final class StoredText {

	/** Length of the {@code VARCHAR(255)} columns. */
	public static final int MAX_LENGTH = 255;

	private StoredText() {
	}

	/**
	 * The value cut to {@value #MAX_LENGTH} characters, never inside a surrogate pair.
	 * @param value the value
	 * @return the value as stored, {@code null} for {@code null}
	 */
	public static @Nullable String bounded(@Nullable String value) {
		if (value == null || value.length() <= MAX_LENGTH) {
			return value;
		}
		int end = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
		return value.substring(0, end);
	}

}
