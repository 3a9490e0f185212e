package io.tokensense.internal.attribution;

import java.util.ArrayList;
import java.util.List;

import io.tokensense.Attribution;
import io.tokensense.TokenSenseContext;
import org.jspecify.annotations.Nullable;

/** User, session and tags gathered for one scope, each cleaned as it comes in. */
final class ScopeAttribution {

	private @Nullable String userId;

	private @Nullable String sessionId;

	private final List<String> tags = new ArrayList<>(2);

	void userId(@Nullable Object value) {
		this.userId = (value != null) ? AttributionValues.clean(value.toString()) : null;
	}

	void sessionId(@Nullable Object value) {
		this.sessionId = (value != null) ? AttributionValues.clean(value.toString()) : null;
	}

	void tag(@Nullable Object value) {
		String tag = (value != null) ? AttributionValues.clean(value.toString()) : null;
		if (tag != null) {
			this.tags.add(tag);
		}
	}

	boolean isEmpty() {
		return this.userId == null && this.sessionId == null && this.tags.isEmpty();
	}

	/** What this attributes, as one scope's layer. */
	Attribution layer() {
		return new Attribution(this.userId, this.sessionId, this.tags);
	}

	TokenSenseContext.Scope open(TokenSenseContext.Origin origin) {
		return TokenSenseContext.userId(this.userId)
			.sessionId(this.sessionId)
			.tags(this.tags.toArray(String[]::new))
			.open(origin);
	}

}
