package io.tokensense.internal.attribution;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tokensense.TokenSenseScope;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The {@link TokenSenseScope} of each method, parsed once and kept: the annotation on the
 * method itself (or on the method it implements in an interface), else the one on its class
 * (or on an interface of it).
 */
public final class ScopeDefinitions {

	ScopeDefinitions() {
	}

	/** Compiles an expression to bytecode once it has been interpreted a few times. */
	private final ExpressionParser parser = new SpelExpressionParser(
			new SpelParserConfiguration(SpelCompilerMode.MIXED, ScopeDefinitions.class.getClassLoader()));

	private final StandardEvaluationContext shared = ArgumentsContext.shared();

	private final ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

	private final Map<AnnotatedElementKey, MethodScope> scopes = new ConcurrentHashMap<>();

	/**
	 * The scope of a method called on an instance of {@code targetClass}, parsing it the first
	 * time.
	 * @throws IllegalStateException naming the method and the expression when one does not parse
	 */
	MethodScope scopeOf(Method method, Class<?> targetClass) {
		AnnotatedElementKey key = new AnnotatedElementKey(method, targetClass);
		MethodScope scope = this.scopes.get(key);
		if (scope == null) {
			scope = this.scopes.computeIfAbsent(key, (k) -> parse(method, targetClass));
		}
		return scope;
	}

	/**
	 * Whether calls of the method on an instance of {@code targetClass} open a scope: the
	 * annotation is on the method (or a method it overrides or implements), or on the class
	 * (or a type it extends or implements) and the method is public. Nothing is kept for the
	 * many methods that have none.
	 */
	boolean isAnnotated(Method method, Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class
				|| !AnnotationUtils.isCandidateClass(targetClass, TokenSenseScope.class)) {
			return false;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		return AnnotatedElementUtils.hasAnnotation(specific, TokenSenseScope.class)
				|| (Modifier.isPublic(specific.getModifiers())
						&& AnnotatedElementUtils.hasAnnotation(targetClass, TokenSenseScope.class));
	}

	/** Parses every annotated method of a bean's class; called when the bean is created. */
	public void parseAll(Class<?> targetClass) {
		boolean onClass = AnnotatedElementUtils.hasAnnotation(targetClass, TokenSenseScope.class);
		for (Method method : targetClass.getMethods()) {
			if (method.getDeclaringClass() == Object.class) {
				continue;
			}
			if (onClass || AnnotatedElementUtils.hasAnnotation(method, TokenSenseScope.class)) {
				scopeOf(method, targetClass);
			}
		}
	}

	StandardEvaluationContext sharedContext() {
		return this.shared;
	}

	private MethodScope parse(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		TokenSenseScope annotation = find(specific, targetClass);
		return (annotation != null) ? MethodScope.parse(annotation, specific, this.parser, this.names) : MethodScope.NONE;
	}

	private static @Nullable TokenSenseScope find(Method method, Class<?> targetClass) {
		TokenSenseScope onMethod = AnnotatedElementUtils.findMergedAnnotation(method, TokenSenseScope.class);
		return (onMethod != null) ? onMethod : AnnotatedElementUtils.findMergedAnnotation(targetClass, TokenSenseScope.class);
	}

}
