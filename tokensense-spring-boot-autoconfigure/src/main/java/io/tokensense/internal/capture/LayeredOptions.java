package io.tokensense.internal.capture;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import org.jspecify.annotations.Nullable;

/**
 * The options of a client observed twice: the outer layer's settings win where it sets them,
 * the inner layer's apply where it does not. Tags are the union, outer first; content capture
 * is on when either layer turns it on; both {@code onEvent} callbacks run, inner first; the
 * outer layer's budgets replace the inner's.
 */
final class LayeredOptions {

	private LayeredOptions() {
	}

	static ObserveOptions over(ObserveOptions outer, ObserveOptions inner) {
		return ObserveOptions.builder()
			.output((outer.output() != null) ? outer.output() : inner.output())
			.userId(firstSet(outer.userId(), inner.userId()))
			.sessionId(firstSet(outer.sessionId(), inner.sessionId()))
			.tags(union(outer.tags(), inner.tags()))
			.logPrompts(outer.logPrompts() || inner.logPrompts())
			.logResponses(outer.logResponses() || inner.logResponses())
			.onEvent(both(inner.onEvent(), outer.onEvent()))
			.provider(firstSet(outer.provider(), inner.provider()))
			.budgets((outer.budgets() != null) ? outer.budgets() : inner.budgets())
			.build();
	}

	private static @Nullable String firstSet(@Nullable String preferred, @Nullable String fallback) {
		return (preferred != null && !preferred.isBlank()) ? preferred : fallback;
	}

	private static List<String> union(List<String> first, List<String> second) {
		Set<String> union = new LinkedHashSet<>(first);
		union.addAll(second);
		return List.copyOf(union);
	}

	private static @Nullable Consumer<CallEvent> both(@Nullable Consumer<CallEvent> first,
			@Nullable Consumer<CallEvent> second) {
		if (first == null || first == second) {
			return second;
		}
		return (second == null) ? first : new Both(first, second);
	}

	/** Runs two callbacks; the second runs even when the first throws. */
	private record Both(Consumer<CallEvent> first, Consumer<CallEvent> second) implements Consumer<CallEvent> {

		@Override
		public void accept(CallEvent event) {
			try {
				this.first.accept(event);
			}
			finally {
				this.second.accept(event);
			}
		}

	}

}
