package io.tokensense.internal.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.StoredText;
import org.jspecify.annotations.Nullable;

/**
 * Which calls a usage report covers: a time window and optional user, session and tag
 * filters.
 *
 * @param since first call start included, or {@code null} for everything kept
 * @param until calls that started before this instant
 * @param userId only this user's calls, or {@code null}; cut as stored values are ({@link StoredText})
 * @param sessionId only this session's calls, or {@code null}; cut as stored values are
 * @param tag only calls carrying this tag, or {@code null}
 */
public record UsageQuery(@Nullable Instant since, Instant until, @Nullable String userId, @Nullable String sessionId,
		@Nullable String tag) {

	public UsageQuery {
		userId = StoredText.bounded(userId);
		sessionId = StoredText.bounded(sessionId);
	}

	/**
	 * A query from the endpoint's text parameters.
	 * @param since an ISO-8601 duration back from now ({@code PT24H}, {@code P7D}) or an instant
	 * ({@code 2026-11-01T00:00:00Z}); {@code null} for no lower bound
	 * @throws IllegalArgumentException when {@code since} is neither, blank included
	 */
	public static UsageQuery of(@Nullable String since, @Nullable String userId, @Nullable String sessionId,
			@Nullable String tag, Instant now) {
		return new UsageQuery(parseSince(since, now), now, blankToNull(userId), blankToNull(sessionId),
				blankToNull(tag));
	}

	/** Whether an event falls inside this query. */
	public boolean matches(CallEvent event) {
		Instant start = event.timestamp();
		return (this.since == null || !start.isBefore(this.since)) && start.isBefore(this.until)
				&& (this.userId == null || this.userId.equals(StoredText.bounded(event.userId())))
				&& (this.sessionId == null || this.sessionId.equals(StoredText.bounded(event.sessionId())))
				&& (this.tag == null || event.tags().contains(this.tag));
	}

	static @Nullable Instant parseSince(@Nullable String since, Instant now) {
		if (since == null) {
			return null;
		}
		String text = since.trim();
		try {
			if (text.startsWith("P") || text.startsWith("p")) {
				return now.minus(Duration.parse(text));
			}
			return Instant.parse(text);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new IllegalArgumentException("'since' must be an ISO-8601 duration such as PT24H or an instant "
					+ "such as 2026-11-01T00:00:00Z, was '" + since + "'");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
