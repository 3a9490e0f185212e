package io.tokensense.internal.attribution;

import java.lang.reflect.Method;

import io.tokensense.TokenSenseContext;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.util.ClassUtils;

/**
 * Opens the scope of a {@link io.tokensense.TokenSenseScope} method around each call. It applies
 * where {@link ScopeDefinitions} finds the annotation, as Spring's {@code @Transactional} and
 * {@code @Cacheable} advisors do: on the method, on its class, and on an interface the class
 * implements (an AspectJ {@code @annotation} pointcut would miss the last).
 *
 * <p>The scope is open while the method runs on the calling thread: the LLM calls it makes
 * there, and the asynchronous SDK calls it starts there (which take the caller's attribution
 * when they start), carry it. Work the method hands to another thread itself does not, except
 * that an {@code @Async} method runs this advice on the executor's thread, so its body is
 * covered. A {@code Mono} or {@code Flux} does its work when it is subscribed to, after the
 * method returned: the one returned keeps the scope for that work (see {@code ReactiveScopes}).
 */
public final class TokenSenseScopeAdvisor extends AbstractPointcutAdvisor {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			TokenSenseScopeAdvisor.class.getClassLoader());

	private final ScopeDefinitions definitions;

	private final Pointcut pointcut = new StaticMethodMatcherPointcut() {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return TokenSenseScopeAdvisor.this.definitions.isAnnotated(method, targetClass);
		}

	};

	private final MethodInterceptor interceptor = this::inScope;

	public TokenSenseScopeAdvisor(ScopeDefinitions definitions) {
		this.definitions = definitions;
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	private @Nullable Object inScope(MethodInvocation call) throws Throwable {
		ScopeAttribution attribution = attributionOf(call);
		if (attribution.isEmpty()) {
			return call.proceed();
		}
		@Nullable Object result;
		try (TokenSenseContext.Scope scope = attribution.open(TokenSenseContext.Origin.METHOD)) {
			result = call.proceed();
		}
		if (REACTOR_PRESENT && ReactiveScopes.isReactive(result)) {
			return ReactiveScopes.keep(result, TokenSenseContext.Origin.METHOD, attribution.layer());
		}
		return result;
	}

	private ScopeAttribution attributionOf(MethodInvocation call) {
		Object target = call.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : call.getMethod().getDeclaringClass();
		MethodScope scope = this.definitions.scopeOf(call.getMethod(), targetClass);
		return scope.evaluate(call.getArguments(), this.definitions.sharedContext());
	}

}
