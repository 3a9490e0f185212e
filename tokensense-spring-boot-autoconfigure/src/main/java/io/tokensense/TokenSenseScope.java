package io.tokensense;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opens a {@link TokenSenseContext} scope for the duration of each call of a Spring bean's
 * method, so the LLM calls the method makes are attributed without code:
 *
 * <pre>{@code
 * @TokenSenseScope(userId = "#order.customerId", sessionId = "#p1", tags = "checkout")
 * public Receipt checkout(Order order, String cartId) { ... }
 * }</pre>
 *
 * A value that starts with {@code #} is a SpEL expression over the method's arguments, by
 * name ({@code #order}, when compiled with {@code -parameters}) or by position
 * ({@code #p0}, {@code #a0}); any other value is a literal. An empty value sets nothing.
 * Expressions are parsed once, when the bean is created, so a syntax error fails startup with
 * the method and the expression named; an expression that fails or yields {@code null} when
 * evaluated leaves its value unset and the method runs.
 *
 * <p>On a class, every public method of the bean opens the scope; an annotation on the method
 * replaces the one on the class. On an interface, or on an interface's method, it applies to the
 * beans implementing it. A {@code Mono} or {@code Flux} the method returns keeps the scope for
 * the work done when it is subscribed to. The scope ranks below one opened in code and above the web
 * request's; tags add up. Spring AOP proxies apply it: a call from the bean to itself
 * ({@code this.other()}), a {@code final} method and a bean that is not proxied open nothing.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TokenSenseScope {

	/** User id: a literal, or a SpEL expression starting with {@code #}. */
	String userId() default "";

	/** Session id: a literal, or a SpEL expression starting with {@code #}. */
	String sessionId() default "";

	/** Tags: each a literal, or a SpEL expression starting with {@code #}. */
	String[] tags() default {};

}
