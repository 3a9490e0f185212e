package io.tokensense;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who a call is for: user, session and tags. A call's attribution is three layers merged
 * with {@link #mergedOver}: the scoped {@link TokenSenseContext} over the client's
 * {@link ObserveOptions} over the {@code tokensense.*} defaults. User and session come from
 * the narrowest layer that sets them; tags are the union, narrowest layer first, without
 * duplicates.
 *
 * @param userId user, or {@code null}
 * @param sessionId session, or {@code null}
 * @param tags tags, without duplicates
 */
public record Attribution(@Nullable String userId, @Nullable String sessionId, List<String> tags) {

	/** No user, no session, no tags. */
	public static final Attribution NONE = new Attribution(null, null, List.of());

	public Attribution {
		tags = List.copyOf(tags);
	}

	/**
	 * This layer on top of a broader one: this user and session win when set; tags are
	 * this layer's first, then the broader layer's, without duplicates.
	 */
	public Attribution mergedOver(Attribution broader) {
		if (broader == NONE) {
			return this;
		}
		// the merge would copy the other layer as it is: the usual case on the caller's thread
		// (no scope open, options without attribution), so it allocates nothing
		if (isUnset()) {
			return broader;
		}
		if (broader.isUnset() && !isEmptyText(this.userId) && !isEmptyText(this.sessionId)) {
			return this;
		}
		return new Attribution(firstSet(this.userId, broader.userId), firstSet(this.sessionId, broader.sessionId),
				union(this.tags, broader.tags));
	}

	/** A narrower layer on top of this one (for nested scopes): its settings win. */
	Attribution narrowedBy(Attribution narrower) {
		return narrower.mergedOver(this);
	}

	/** No user, no session, no tags. */
	private boolean isUnset() {
		return this.userId == null && this.sessionId == null && this.tags.isEmpty();
	}

	private static boolean isEmptyText(@Nullable String text) {
		return text != null && text.isEmpty();
	}

	private static @Nullable String firstSet(@Nullable String preferred, @Nullable String fallback) {
		return (preferred != null && !preferred.isEmpty()) ? preferred : fallback;
	}

	private static List<String> union(List<String> first, List<String> second) {
		if (second.isEmpty()) {
			return first;
		}
		if (first.isEmpty()) {
			return second;
		}
		Set<String> union = new LinkedHashSet<>(first);
		union.addAll(second);
		return List.copyOf(union);
	}

}
