package io.tokensense.internal.attribution;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.tokensense.TokenSenseScope;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The parsed {@link TokenSenseScope} of one method: what it sets and how to work it out from
 * the arguments of a call.
 */
final class MethodScope {

	/** For a method without a scope, so that a cache of scopes also remembers the misses. */
	static final MethodScope NONE = new MethodScope(ArgumentNames.NONE, null, null, List.of());

	private final ArgumentNames names;

	/** Set when nothing depends on the arguments: the same values for every call. */
	private final @Nullable ScopeAttribution constant;

	private final @Nullable ScopeValue userId;

	private final @Nullable ScopeValue sessionId;

	private final List<ScopeValue> tags;

	/** Only a scope with an expression pays for an evaluation context per call. */
	private final boolean hasExpression;

	private MethodScope(ArgumentNames names, @Nullable ScopeValue userId, @Nullable ScopeValue sessionId,
			List<ScopeValue> tags) {
		this.names = names;
		this.userId = userId;
		this.sessionId = sessionId;
		this.tags = tags;
		this.hasExpression = (userId != null && userId.isExpression())
				|| (sessionId != null && sessionId.isExpression()) || tags.stream().anyMatch(ScopeValue::isExpression);
		this.constant = this.hasExpression ? null : gather(null);
	}

	static MethodScope parse(TokenSenseScope annotation, Method method, ExpressionParser parser,
			ParameterNameDiscoverer discoverer) {
		List<ScopeValue> tags = new ArrayList<>();
		for (String tag : annotation.tags()) {
			if (!tag.isEmpty()) {
				tags.add(ScopeValue.parse(tag, "tags", method, parser));
			}
		}
		return new MethodScope(new ArgumentNames(method, discoverer), value(annotation.userId(), "userId", method, parser),
				value(annotation.sessionId(), "sessionId", method, parser), List.copyOf(tags));
	}

	private static @Nullable ScopeValue value(String text, String attribute, Method method, ExpressionParser parser) {
		return text.isEmpty() ? null : ScopeValue.parse(text, attribute, method, parser);
	}

	/** What a call with these arguments is attributed to; never throws. */
	ScopeAttribution evaluate(@Nullable Object[] arguments, StandardEvaluationContext shared) {
		if (this.constant != null) {
			return this.constant;
		}
		return gather(new ArgumentsContext(shared, this.names, arguments));
	}

	private ScopeAttribution gather(@Nullable EvaluationContext context) {
		ScopeAttribution attribution = new ScopeAttribution();
		if (this.userId != null) {
			this.userId.values(context, attribution::userId);
		}
		if (this.sessionId != null) {
			this.sessionId.values(context, attribution::sessionId);
		}
		for (ScopeValue tag : this.tags) {
			tag.values(context, attribution::tag);
		}
		return attribution;
	}

}
