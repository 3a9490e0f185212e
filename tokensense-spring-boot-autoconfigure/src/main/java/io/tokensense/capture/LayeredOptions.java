package io.tokensense.capture;

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
		return new ObserveOptions((outer.output() != null) ? outer.output() : inner.output(),
				firstSet(outer.userId(), inner.userId()), firstSet(outer.sessionId(), inner.sessionId()),
				union(outer.tags(), inner.tags()), outer.logPrompts() || inner.logPrompts(),
				outer.logResponses() || inner.logResponses(), both(inner.onEvent(), outer.onEvent()),
				firstSet(outer.provider(), inner.provider()),
				(outer.budgets() != null) ? outer.budgets() : inner.budgets());
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
