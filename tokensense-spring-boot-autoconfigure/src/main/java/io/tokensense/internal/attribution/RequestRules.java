package io.tokensense.internal.attribution;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * What a web request contributes to attribution ({@code tokensense.attribution.principal},
 * {@code session-header}, {@code handler-tag}), shared by the Spring MVC interceptor and the
 * WebFlux filter so that both read the same settings and name handlers the same way.
 *
 * @param principal whether the user id is the principal's name
 * @param sessionHeader the header holding the session id, or {@code null}
 * @param handlerTag whether the handler ({@code OrderController#checkout}) is a tag
 */
record RequestRules(boolean principal, @Nullable String sessionHeader, boolean handlerTag) {

	RequestRules {
		sessionHeader = (sessionHeader == null || sessionHeader.isBlank()) ? null : sessionHeader.strip();
	}

	/** Whether a request gets anything from these rules; otherwise nothing need be registered. */
	boolean isActive() {
		return this.principal || this.sessionHeader != null || this.handlerTag;
	}

	/** The tag naming a controller method, {@code OrderController#checkout}. */
	static String tagOf(HandlerMethod handler) {
		return handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName();
	}

}
