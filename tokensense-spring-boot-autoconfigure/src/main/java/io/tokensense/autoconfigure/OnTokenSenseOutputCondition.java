package io.tokensense.autoconfigure;

import java.util.List;
import java.util.Set;

import io.tokensense.output.BuiltInOutput;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnTokenSenseOutput}.
 */
final class OnTokenSenseOutputCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		BuiltInOutput output = metadata.getAnnotations()
			.get(ConditionalOnTokenSenseOutput.class)
			.getEnum("value", BuiltInOutput.class);
		String name = output.outputName();
		List<String> configured = Binder.get(context.getEnvironment())
			.bind(BuiltInOutput.PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		Set<BuiltInOutput> explicit;
		try {
			explicit = ConfiguredOutputs.explicit(configured);
		}
		catch (IllegalStateException ex) {
			// the pipeline reports the bad name with a clear message; this output stays off
			return ConditionOutcome.noMatch(ex.getMessage());
		}
		if (explicit.isEmpty()) {
			return ConditionOutcome.match(BuiltInOutput.PROPERTY + " is automatic, so '" + name + "' may be used");
		}
		return explicit.contains(output) ? ConditionOutcome.match(BuiltInOutput.PROPERTY + " names '" + name + "'")
				: ConditionOutcome.noMatch(BuiltInOutput.PROPERTY + " does not name '" + name + "'");
	}

}
