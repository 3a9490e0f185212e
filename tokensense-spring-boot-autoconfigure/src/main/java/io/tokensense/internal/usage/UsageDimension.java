package io.tokensense.internal.usage;

import java.util.List;
import java.util.Locale;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.StoredText;
import org.jspecify.annotations.Nullable;

/**
 * What a breakdown groups calls by. A call counts once per tag in the {@code tag} breakdown.
 */
public enum UsageDimension {

	/** The requested model. */
	MODEL("request_model"),

	PROVIDER("provider"),

	USER("user_id"),

	SESSION("session_id"),

	TAG(null);

	private final @Nullable String column;

	UsageDimension(@Nullable String column) {
		this.column = column;
	}

	/** The column of the JDBC table holding this dimension; {@code null} for tags. */
	public @Nullable String column() {
		return this.column;
	}

	/** The name used in URLs and JSON: {@code model}, {@code user}, ... */
	public String urlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The keys an event contributes to. */
	List<String> keysOf(CallEvent event) {
		return switch (this) {
			case MODEL -> List.of(orNone(event.requestModel()));
			case PROVIDER -> List.of(orNone(event.provider()));
			case USER -> List.of(orNone(event.userId()));
			case SESSION -> List.of(orNone(event.sessionId()));
			case TAG -> event.tags();
		};
	}

	/**
	 * The dimension named in a URL.
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static UsageDimension fromUrlName(String name) {
		for (UsageDimension dimension : values()) {
			if (dimension.urlName().equalsIgnoreCase(name.trim())) {
				return dimension;
			}
		}
		throw new IllegalArgumentException("Unknown dimension '" + name + "'; use one of model, provider, user, "
				+ "session, tag (or timeseries)");
	}

	/** The value as the table stores it, or {@link UsageRow#NONE}: memory answers as the table does. */
	private static String orNone(@Nullable String value) {
		return (value != null) ? StoredText.bounded(value) : UsageRow.NONE;
	}

}
