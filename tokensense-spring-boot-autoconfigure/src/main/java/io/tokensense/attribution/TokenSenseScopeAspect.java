package io.tokensense.attribution;

import io.tokensense.TokenSenseContext;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Opens the scope of a {@link io.tokensense.TokenSenseScope} method around each call. The
 * scope is open while the method runs on the calling thread: the LLM calls it makes there, and
 * the asynchronous SDK calls it starts there (which take the caller's attribution when they
 * start), carry it. Work the method hands to another thread itself does not, except that an
 * {@code @Async} method runs this advice on the executor's thread, so its body is covered.
 * A {@code Mono} or {@code Flux} returned unsubscribed does its work after the scope closed.
 */
@Aspect
public final class TokenSenseScopeAspect {

	private final ScopeDefinitions definitions;

	public TokenSenseScopeAspect(ScopeDefinitions definitions) {
		this.definitions = definitions;
	}

	@Around("@annotation(io.tokensense.TokenSenseScope) || @within(io.tokensense.TokenSenseScope)")
	public @Nullable Object inScope(ProceedingJoinPoint call) throws Throwable {
		ScopeAttribution attribution = attributionOf(call);
		if (attribution == null || attribution.isEmpty()) {
			return call.proceed();
		}
		try (TokenSenseContext.Scope scope = attribution.open(TokenSenseContext.Origin.METHOD)) {
			return call.proceed();
		}
	}

	/** {@code null} when it cannot be worked out: the method runs without a scope. */
	private @Nullable ScopeAttribution attributionOf(ProceedingJoinPoint call) {
		if (!(call.getSignature() instanceof MethodSignature signature)) {
			return null;
		}
		Object target = call.getTarget();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : signature.getDeclaringType();
		MethodScope scope = this.definitions.scopeOf(signature.getMethod(), targetClass);
		return scope.evaluate(call.getArgs(), this.definitions.sharedContext());
	}

}
