package io.tokensense.internal.attribution;

import io.tokensense.internal.support.StoredText;
import org.jspecify.annotations.Nullable;

/**
 * Cleans a value that comes from outside (a header, a principal's name, a method argument)
 * before it becomes a user id, a session id or a tag: control characters are dropped (they
 * would break log lines and are refused by some databases), then the value is cut as
 * {@link StoredText#bounded} cuts what is stored, so the event carries what the jdbc output
 * keeps.
 */
public final class AttributionValues {

	private AttributionValues() {
	}

	/** The cleaned value; {@code null} for {@code null} or for what is empty once cleaned. */
	public static @Nullable String clean(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String kept = withoutControls(value).strip();
		if (kept.isEmpty()) {
			return null;
		}
		return StoredText.bounded(kept);
	}

	private static String withoutControls(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				StringBuilder kept = new StringBuilder(value.length());
				value.chars().filter((c) -> !Character.isISOControl(c)).forEach((c) -> kept.append((char) c));
				return kept.toString();
			}
		}
		return value;
	}

}
