package io.tokensense.internal.attribution;

import io.tokensense.TokenSenseContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * Opens a {@link TokenSenseContext.Origin#REQUEST request} scope while a Spring MVC handler
 * runs: the user from the authenticated principal ({@link HttpServletRequest#getUserPrincipal()},
 * which Spring Security fills), the session from a header, the handler as a tag. Every value is
 * user input, so it is {@linkplain AttributionValues#clean cleaned}.
 */
public final class RequestAttribution implements AsyncHandlerInterceptor {

	private static final String SCOPE = RequestAttribution.class.getName() + ".scope";

	private final RequestRules rules;

	/**
	 * @param principal whether the user id is the principal's name
	 * @param sessionHeader the header holding the session id, or {@code null}
	 * @param handlerTag whether the handler ({@code OrderController#checkout}) is a tag
	 */
	public RequestAttribution(boolean principal, @Nullable String sessionHeader, boolean handlerTag) {
		this.rules = new RequestRules(principal, sessionHeader, handlerTag);
	}

	/** Whether this has anything to attribute; otherwise it need not be registered. */
	public boolean isActive() {
		return this.rules.isActive();
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		ScopeAttribution attribution = new ScopeAttribution();
		if (this.rules.principal() && request.getUserPrincipal() != null) {
			attribution.userId(request.getUserPrincipal().getName());
		}
		String sessionHeader = this.rules.sessionHeader();
		if (sessionHeader != null) {
			attribution.sessionId(request.getHeader(sessionHeader));
		}
		if (this.rules.handlerTag() && handler instanceof HandlerMethod method) {
			attribution.tag(RequestRules.tagOf(method));
		}
		if (!attribution.isEmpty()) {
			request.setAttribute(SCOPE, attribution.open(TokenSenseContext.Origin.REQUEST));
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		close(request);
	}

	/** The request thread goes back to the pool while async processing goes on. */
	@Override
	public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
			Object handler) {
		close(request);
	}

	private static void close(HttpServletRequest request) {
		if (request.getAttribute(SCOPE) instanceof TokenSenseContext.Scope scope) {
			request.removeAttribute(SCOPE);
			scope.close();
		}
	}

}
