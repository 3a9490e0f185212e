package io.tokensense.internal.attribution;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;

/**
 * One value of a {@link io.tokensense.TokenSenseScope}: a literal, or a SpEL expression
 * (text starting with {@code #}) parsed once.
 */
final class ScopeValue {

	private static final Logger logger = LoggerFactory.getLogger(ScopeValue.class);

	private final String text;

	private final @Nullable Expression expression;

	private final String where;

	/** A failing expression is logged once, not on every call of a busy method. */
	private final AtomicBoolean failureLogged = new AtomicBoolean();

	private ScopeValue(String text, @Nullable Expression expression, String where) {
		this.text = text;
		this.expression = expression;
		this.where = where;
	}

	/**
	 * @throws IllegalStateException naming the method and the expression when it does not parse
	 */
	static ScopeValue parse(String text, String attribute, Method method, ExpressionParser parser) {
		String where = "@TokenSenseScope(" + attribute + " = \"" + text + "\") on " + method.getDeclaringClass().getName()
				+ "#" + method.getName();
		if (!text.startsWith("#")) {
			return new ScopeValue(text, null, where);
		}
		try {
			return new ScopeValue(text, parser.parseExpression(text), where);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Invalid SpEL expression in " + where + ": " + ex.getMessage(), ex);
		}
	}

	boolean isExpression() {
		return this.expression != null;
	}

	/** The literal, or what the expression yields; each non-null value is given to {@code sink}. */
	void values(@Nullable EvaluationContext context, Consumer<@Nullable Object> sink) {
		Expression expression = this.expression;
		if (expression == null || context == null) {
			sink.accept(this.text);
			return;
		}
		Object value;
		try {
			value = expression.getValue(context);
		}
		catch (RuntimeException ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("{} could not be evaluated, so the call gets no value from it (logged once): {}",
						this.where, ex.toString());
			}
			return;
		}
		if (value instanceof Iterable<?> values) {
			values.forEach(sink);
		}
		else if (value instanceof Object[] values) {
			for (Object each : values) {
				sink.accept(each);
			}
		}
		else {
			sink.accept(value);
		}
	}

}
