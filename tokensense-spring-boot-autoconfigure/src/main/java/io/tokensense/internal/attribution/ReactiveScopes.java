package io.tokensense.internal.attribution;

import io.tokensense.Attribution;
import io.tokensense.TokenSenseContext;
import io.tokensense.TokenSenseThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Keeps a scope for the work of a {@code Mono} or {@code Flux}, which starts when it is
 * subscribed to, maybe long after the method that built it returned, on another thread.
 *
 * <p>The attribution goes into the Reactor {@code Context} under
 * {@link TokenSenseThreadLocalAccessor#KEY}, on top of what is already there (the web
 * request's, an enclosing method's) or else of the subscribing thread's scopes. With
 * automatic context propagation (Reactor's {@code Hooks.enableAutomaticContextPropagation()},
 * {@code spring.reactor.context-propagation=auto} in Spring Boot) every operator runs with it,
 * on whatever thread. Without it, the scope is open on the subscribing thread while the
 * subscription is made, which covers the work done then: an SDK call started by
 * {@code Mono.fromFuture(() -> ...)}, {@code fromCallable} or {@code defer} without a
 * scheduler in between.
 */
final class ReactiveScopes {

	private ReactiveScopes() {
	}

	/** Whether {@link #keep} applies to a method's result. */
	static boolean isReactive(@Nullable Object result) {
		return result instanceof Mono<?> || result instanceof Flux<?>;
	}

	/** The result, a {@code Mono} or a {@code Flux}, keeping the scope while it works. */
	static Object keep(Object result, TokenSenseContext.Origin origin, Attribution layer) {
		if (result instanceof Mono<?> mono) {
			return keep(mono, origin, layer);
		}
		return keep((Flux<?>) result, origin, layer);
	}

	static <T> Mono<T> keep(Mono<T> mono, TokenSenseContext.Origin origin, Attribution layer) {
		return new ScopedMono<>(mono).contextWrite((context) -> withScope(context, origin, layer));
	}

	static <T> Flux<T> keep(Flux<T> flux, TokenSenseContext.Origin origin, Attribution layer) {
		return new ScopedFlux<>(flux).contextWrite((context) -> withScope(context, origin, layer));
	}

	private static Context withScope(Context context, TokenSenseContext.Origin origin, Attribution layer) {
		TokenSenseContext.Snapshot broader = context.getOrDefault(TokenSenseThreadLocalAccessor.KEY, null);
		if (broader == null) {
			broader = TokenSenseContext.snapshot();
		}
		return context.put(TokenSenseThreadLocalAccessor.KEY, broader.with(origin, layer));
	}

	/** Subscribes with the context's scopes open on the subscribing thread meanwhile. */
	private static <T> void subscribeInScope(CorePublisher<? extends T> source, CoreSubscriber<? super T> actual) {
		TokenSenseContext.Snapshot snapshot = actual.currentContext().getOrDefault(TokenSenseThreadLocalAccessor.KEY, null);
		if (snapshot == null) {
			source.subscribe(actual);
			return;
		}
		try (TokenSenseContext.Scope scope = snapshot.open()) {
			source.subscribe(actual);
		}
	}

	private static final class ScopedMono<T> extends MonoOperator<T, T> {

		ScopedMono(Mono<? extends T> source) {
			super(source);
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			subscribeInScope(this.source, actual);
		}

	}

	private static final class ScopedFlux<T> extends FluxOperator<T, T> {

		ScopedFlux(Flux<? extends T> source) {
			super(source);
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			subscribeInScope(this.source, actual);
		}

	}

}
