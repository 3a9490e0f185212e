package io.tokensense;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Carries the {@link TokenSenseContext} scopes of a thread with Micrometer's context
 * propagation: Reactor with automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}), a {@code ContextSnapshot} taken by an
 * application or a context-propagating task executor restore them on the thread that does the
 * work. Registered with the {@code ContextRegistry} by the {@code ServiceLoader}; the value is
 * a {@link TokenSenseContext.Snapshot}, stored under {@link #KEY} (in a Reactor {@code Context}
 * too).
 *
 * <p>While a snapshot is restored, it stands in for the thread's own scopes, which are put
 * back as they were when it is taken off.
 */
public final class TokenSenseThreadLocalAccessor implements ThreadLocalAccessor<TokenSenseContext.Snapshot> {

	/** The key of TokenSense's attribution in a context snapshot or a Reactor context. */
	public static final String KEY = "io.tokensense.context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public TokenSenseContext.@Nullable Snapshot getValue() {
		TokenSenseContext.Snapshot snapshot = TokenSenseContext.snapshot();
		return snapshot.isEmpty() ? null : snapshot;
	}

	@Override
	public void setValue(TokenSenseContext.Snapshot value) {
		TokenSenseContext.replace(value);
	}

	/** The context being restored has no attribution: none while it is in place. */
	@Override
	public void setValue() {
		TokenSenseContext.replace(TokenSenseContext.Snapshot.EMPTY);
	}

	@Override
	public void restore(TokenSenseContext.Snapshot previousValue) {
		TokenSenseContext.restoreReplaced();
	}

	@Override
	public void restore() {
		TokenSenseContext.restoreReplaced();
	}

}
