package io.tokensense.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnTokenSenseOutput.class.getName());
		String name = (attributes != null) ? (String) attributes.get("value") : "";
		List<String> configured = Binder.get(context.getEnvironment())
			.bind(ConfiguredOutputs.PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		Set<String> explicit;
		try {
			explicit = ConfiguredOutputs.explicitNames(configured);
		}
		catch (IllegalStateException ex) {
			// the pipeline reports the bad name with a clear message; this output stays off
			return ConditionOutcome.noMatch(ex.getMessage());
		}
		if (explicit.isEmpty()) {
			return ConditionOutcome.match(ConfiguredOutputs.PROPERTY + " is automatic, so '" + name + "' may be used");
		}
		return explicit.contains(name) ? ConditionOutcome.match(ConfiguredOutputs.PROPERTY + " names '" + name + "'")
				: ConditionOutcome.noMatch(ConfiguredOutputs.PROPERTY + " does not name '" + name + "'");
	}

}
