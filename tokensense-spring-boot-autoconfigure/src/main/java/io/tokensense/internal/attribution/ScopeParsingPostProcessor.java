package io.tokensense.internal.attribution;

import io.tokensense.TokenSenseScope;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Parses the {@link TokenSenseScope} expressions of each bean as it is created, so a bad one
 * fails startup naming the bean, the method and the expression, rather than a call later. It
 * owns the parsed scopes, which the aspect then uses: a bean of their own would be created
 * while post-processors are registered, too early for the context's other post-processors.
 */
public final class ScopeParsingPostProcessor implements BeanPostProcessor {

	private final ScopeDefinitions definitions = new ScopeDefinitions();

	/** The scopes parsed so far, for the aspect. */
	public ScopeDefinitions definitions() {
		return this.definitions;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		if (!AnnotationUtils.isCandidateClass(targetClass, TokenSenseScope.class)) {
			return bean;
		}
		try {
			this.definitions.parseAll(targetClass);
		}
		catch (IllegalStateException ex) {
			throw new BeanCreationException(beanName, ex.getMessage(), ex);
		}
		return bean;
	}

}
