package io.tokensense.internal.attribution;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.BeanResolver;
import org.springframework.expression.ConstructorResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.MethodResolver;
import org.springframework.expression.OperatorOverloader;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypeComparator;
import org.springframework.expression.TypeConverter;
import org.springframework.expression.TypeLocator;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The evaluation context of one call: the method's arguments as variables (by name, and as
 * {@code p0}, {@code a0}...), everything else from one shared context. Sharing matters: a new
 * {@link StandardEvaluationContext} per call would come with new property accessors, whose
 * caches start empty, so every call would look its getters up by reflection again.
 */
final class ArgumentsContext implements EvaluationContext {

	private final StandardEvaluationContext shared;

	private final ArgumentNames names;

	private final @Nullable Object[] arguments;

	ArgumentsContext(StandardEvaluationContext shared, ArgumentNames names, @Nullable Object[] arguments) {
		this.shared = shared;
		this.names = names;
		this.arguments = arguments;
	}

	/** A context to share between calls, its lazily created parts created now. */
	static StandardEvaluationContext shared() {
		StandardEvaluationContext context = new StandardEvaluationContext();
		context.getPropertyAccessors();
		context.getMethodResolvers();
		context.getConstructorResolvers();
		context.getIndexAccessors();
		context.getTypeLocator();
		context.getTypeConverter();
		return context;
	}

	@Override
	public @Nullable Object lookupVariable(String name) {
		int index = this.names.indexOf(name);
		return (index >= 0 && index < this.arguments.length) ? this.arguments[index] : null;
	}

	/** Assignments in an annotation's expression change nothing. */
	@Override
	public void setVariable(String name, @Nullable Object value) {
	}

	@Override
	public TypedValue getRootObject() {
		return TypedValue.NULL;
	}

	@Override
	public List<PropertyAccessor> getPropertyAccessors() {
		return this.shared.getPropertyAccessors();
	}

	@Override
	public List<ConstructorResolver> getConstructorResolvers() {
		return this.shared.getConstructorResolvers();
	}

	@Override
	public List<MethodResolver> getMethodResolvers() {
		return this.shared.getMethodResolvers();
	}

	@Override
	public @Nullable BeanResolver getBeanResolver() {
		return null;
	}

	@Override
	public TypeLocator getTypeLocator() {
		return this.shared.getTypeLocator();
	}

	@Override
	public TypeConverter getTypeConverter() {
		return this.shared.getTypeConverter();
	}

	@Override
	public TypeComparator getTypeComparator() {
		return this.shared.getTypeComparator();
	}

	@Override
	public OperatorOverloader getOperatorOverloader() {
		return this.shared.getOperatorOverloader();
	}

}
