package io.tokensense.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.tokensense.output.BuiltInOutput;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when an output may be routed to: {@code tokensense.outputs} names it, or is empty
 * (automatic). The output's auto-configuration adds its own conditions for what it needs
 * (a DataSource, a MeterRegistry); when the output was named explicitly and those are missing,
 * startup fails with a message naming the property.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnTokenSenseOutputCondition.class)
public @interface ConditionalOnTokenSenseOutput {

	/**
	 * The output, e.g. {@link BuiltInOutput#JDBC}.
	 * @return the output whose name {@code tokensense.outputs} must list, unless it is empty
	 */
	BuiltInOutput value();

}
