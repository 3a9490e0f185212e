package io.tokensense.internal.attribution;

import java.util.List;
import java.util.function.Supplier;

import io.tokensense.TokenSenseContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Opens a {@link TokenSenseContext.Origin#REQUEST request} scope for the work of a WebFlux
 * request, kept in the Reactor context and open while the request's chain is subscribed to, as
 * for a {@code Mono} an annotated method returns: the user from the authenticated principal
 * ({@link ServerWebExchange#getPrincipal()}, which Spring Security fills from the reactive
 * security context), the session from a header, the handler as a tag. Every value is user
 * input, so it is {@linkplain AttributionValues#clean cleaned}. It runs after the other filters,
 * Spring Security's included, so that the principal is known.
 */
public final class ReactiveRequestAttribution implements WebFilter, Ordered {

	/** Late, after Spring Security's filter chain, but leaving room for filters meant to follow. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private final RequestRules rules;

	private final Supplier<List<HandlerMapping>> handlerMappings;

	/**
	 * @param principal whether the user id is the principal's name
	 * @param sessionHeader the header holding the session id, or {@code null}
	 * @param handlerTag whether the handler ({@code OrderController#checkout}) is a tag
	 * @param handlerMappings the mappings that find a request's controller method, asked only
	 * for the handler tag
	 */
	public ReactiveRequestAttribution(boolean principal, @Nullable String sessionHeader, boolean handlerTag,
			Supplier<List<HandlerMapping>> handlerMappings) {
		this.rules = new RequestRules(principal, sessionHeader, handlerTag);
		this.handlerMappings = handlerMappings;
	}

	/** Whether this has anything to attribute; otherwise it need not be registered. */
	public boolean isActive() {
		return this.rules.isActive();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ScopeAttribution attribution = new ScopeAttribution();
		String sessionHeader = this.rules.sessionHeader();
		if (sessionHeader != null) {
			attribution.sessionId(exchange.getRequest().getHeaders().getFirst(sessionHeader));
		}
		Mono<ScopeAttribution> gathered = Mono.just(attribution);
		if (this.rules.principal()) {
			gathered = gathered.flatMap((a) -> exchange.getPrincipal().map((p) -> {
				a.userId(p.getName());
				return a;
			}).defaultIfEmpty(a));
		}
		if (this.rules.handlerTag()) {
			gathered = gathered.flatMap((a) -> handlerOf(exchange).map((handler) -> {
				a.tag(RequestRules.tagOf(handler));
				return a;
			}).defaultIfEmpty(a));
		}
		return gathered.flatMap((a) -> a.isEmpty() ? chain.filter(exchange)
				: ReactiveScopes.keep(chain.filter(exchange), TokenSenseContext.Origin.REQUEST, a.layer()));
	}

	/**
	 * The controller method that will handle the request. WebFlux has no interceptor that sees
	 * the handler before it runs, so the mappings are asked here, as the dispatcher will ask
	 * them again; a request they cannot map (404, 405...) gets no tag.
	 */
	private Mono<HandlerMethod> handlerOf(ServerWebExchange exchange) {
		return Flux.fromIterable(this.handlerMappings.get())
			.concatMap((mapping) -> mapping.getHandler(exchange).onErrorResume((ex) -> Mono.empty()))
			.next()
			.ofType(HandlerMethod.class);
	}

}
