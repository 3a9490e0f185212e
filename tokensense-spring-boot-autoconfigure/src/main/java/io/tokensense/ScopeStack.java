package io.tokensense;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The scopes open on one thread, broadest first (by {@link TokenSenseContext.Origin}, then oldest
 * first), and the attribution they make together. Only
 * the owning thread changes the list; a scope closed on another thread is only marked, and the
 * owner drops it the next time it reads or changes its scopes. Recomputing from what is left
 * is what makes closing in any order correct: the current value never depends on the order
 * scopes were closed in.
 */
final class ScopeStack {

	private final List<TokenSenseContext.Scope> open = new ArrayList<>(4);

	private Attribution current = Attribution.NONE;

	/** The scopes as a snapshot, once asked for; null when they changed since. */
	private TokenSenseContext.@Nullable Snapshot snapshot;

	/** Set by a thread that closed one of these scopes without owning them. */
	private volatile boolean stale;

	/** Whether this stands in for the thread's own scopes (context propagation) until restored. */
	private final boolean replacement;

	/** The thread's own scopes while this stands in for them, or null when it had none. */
	private final @Nullable ScopeStack replaced;

	ScopeStack() {
		this.replacement = false;
		this.replaced = null;
	}

	/** A stand-in for the thread's own scopes, {@code replaced}. */
	ScopeStack(@Nullable ScopeStack replaced) {
		this.replacement = true;
		this.replaced = replaced;
	}

	boolean isReplacement() {
		return this.replacement;
	}

	@Nullable ScopeStack replaced() {
		return this.replaced;
	}

	/**
	 * Each origin's scopes merged, inner ones winning. Kept until the scopes change: context
	 * propagation asks for it around every operator.
	 */
	TokenSenseContext.Snapshot snapshot() {
		if (this.stale) {
			dropClosed();
		}
		TokenSenseContext.Snapshot snapshot = this.snapshot;
		if (snapshot == null) {
			snapshot = merged();
			this.snapshot = snapshot;
		}
		return snapshot;
	}

	private TokenSenseContext.Snapshot merged() {
		if (this.open.isEmpty()) {
			return TokenSenseContext.Snapshot.EMPTY;
		}
		@Nullable Attribution[] layers = new Attribution[TokenSenseContext.Origin.values().length];
		for (TokenSenseContext.Scope scope : this.open) {
			int origin = scope.origin().ordinal();
			Attribution broader = layers[origin];
			layers[origin] = (broader != null) ? broader.narrowedBy(scope.layer()) : scope.layer();
		}
		return new TokenSenseContext.Snapshot(layers);
	}

	Attribution current() {
		if (this.stale) {
			dropClosed();
		}
		return this.current;
	}

	void push(TokenSenseContext.Scope scope) {
		if (this.stale) {
			dropClosed();
		}
		this.snapshot = null;
		int at = this.open.size();
		while (at > 0 && this.open.get(at - 1).origin().compareTo(scope.origin()) > 0) {
			at--;
		}
		if (at == this.open.size()) {
			// the usual case, a scope ranking at least as high as the innermost: one merge
			this.open.add(scope);
			this.current = this.current.narrowedBy(scope.layer());
			scope.effective(this.current);
			return;
		}
		// e.g. a @TokenSenseScope method called inside a scope opened in code: it goes below it
		this.open.add(at, scope);
		dropClosed();
	}

	/** Removes a closed scope; called on the owning thread. */
	void remove(TokenSenseContext.Scope scope) {
		this.snapshot = null;
		int last = this.open.size() - 1;
		if (last >= 0 && this.open.get(last) == scope && !this.stale) {
			// the usual case, closing the innermost scope: no need to merge everything again
			this.open.remove(last);
			this.current = (last == 0) ? Attribution.NONE : this.open.get(last - 1).effective();
			return;
		}
		dropClosed();
	}

	/** Called from another thread: the owner drops the closed scope when it next looks. */
	void markStale() {
		this.stale = true;
	}

	boolean isEmpty() {
		return this.open.isEmpty();
	}

	private void dropClosed() {
		this.stale = false;
		this.snapshot = null;
		this.open.removeIf(TokenSenseContext.Scope::isClosed);
		Attribution merged = Attribution.NONE;
		for (TokenSenseContext.Scope scope : this.open) {
			merged = merged.narrowedBy(scope.layer());
			scope.effective(merged);
		}
		this.current = merged;
	}

}
