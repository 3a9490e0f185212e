package io.tokensense.internal.support;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for how a short text (user, session, model, provider, ...) is kept: without
 * U+0000 and cut to the column's length. The jdbc output applies it when it writes a row, and
 * both usage stores apply it to filters and keys the same way, so filtering by the full value
 * finds what was stored and memory answers as the table does.
 */
public final class StoredText {

	/** Length of the {@code VARCHAR(255)} columns. */
	public static final int MAX_LENGTH = 255;

	private StoredText() {
	}

	/**
	 * The value without U+0000 (PostgreSQL refuses it in text), cut to {@value #MAX_LENGTH}
	 * characters, never inside a surrogate pair.
	 * @param text the value
	 * @return the value as stored, {@code null} for {@code null}
	 */
	public static @Nullable String bounded(@Nullable String text) {
		String value = (text == null || text.indexOf('\u0000') < 0) ? text : text.replace("\u0000", "");
		if (value == null || value.length() <= MAX_LENGTH) {
			return value;
		}
		int end = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
		return value.substring(0, end);
	}

}
