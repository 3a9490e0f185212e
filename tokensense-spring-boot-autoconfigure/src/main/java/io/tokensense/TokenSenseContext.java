package io.tokensense;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Attribution for the calls a thread makes inside a scope; it wins over
 * {@link ObserveOptions} and the {@code tokensense.*} defaults.
 *
 * <pre>{@code
 * try (var scope = TokenSenseContext.userId("alice").sessionId("s-1").tags("beta").open()) {
 *     client.messages().create(params);
 * }
 * }</pre>
 *
 * Scopes nest: an inner scope inherits what it does not set and adds its tags to the outer
 * ones. Asynchronous calls keep the context of the thread that made them.
 *
 * <p>A scope has an {@link Origin}: one opened in code ranks above a
 * {@link TokenSenseScope @TokenSenseScope} method's, which ranks above the web request's,
 * whatever order they were opened in; within one origin the inner scope wins.
 */
public final class TokenSenseContext {

	private static final ThreadLocal<ScopeStack> SCOPES = new ThreadLocal<>();

	private TokenSenseContext() {
	}

	public static ScopeBuilder userId(@Nullable String userId) {
		return new ScopeBuilder().userId(userId);
	}

	public static ScopeBuilder sessionId(@Nullable String sessionId) {
		return new ScopeBuilder().sessionId(sessionId);
	}

	public static ScopeBuilder tags(String... tags) {
		return new ScopeBuilder().tags(tags);
	}

	/** The attribution in force on this thread; {@link Attribution#NONE} outside any scope. */
	public static Attribution current() {
		ScopeStack scopes = SCOPES.get();
		return (scopes != null) ? scopes.current() : Attribution.NONE;
	}

	/**
	 * The scopes open on this thread, to {@linkplain Snapshot#open() reopen} on another: how
	 * attribution follows work handed to another thread, whether by an application's own
	 * executor or by Reactor with context propagation.
	 */
	public static Snapshot snapshot() {
		ScopeStack scopes = SCOPES.get();
		return (scopes != null) ? scopes.snapshot() : Snapshot.EMPTY;
	}

	/**
	 * Puts a snapshot's scopes in place of this thread's until {@link #restoreReplaced()}, which
	 * puts this thread's own scopes back untouched (those still open there close as usual).
	 */
	static void replace(Snapshot snapshot) {
		SCOPES.set(new ScopeStack(SCOPES.get()));
		snapshot.open();
	}

	/** Undoes the last {@link #replace}; does nothing when no replacement is in place. */
	static void restoreReplaced() {
		ScopeStack scopes = SCOPES.get();
		if (scopes == null || !scopes.isReplacement()) {
			return;
		}
		ScopeStack replaced = scopes.replaced();
		if (replaced != null) {
			SCOPES.set(replaced);
		}
		else {
			SCOPES.remove();
		}
	}

	private static Scope push(Origin origin, Attribution layer, @Nullable Scope under) {
		ScopeStack scopes = SCOPES.get();
		if (scopes == null) {
			scopes = new ScopeStack();
			SCOPES.set(scopes);
		}
		Scope scope = new Scope(scopes, origin, layer, under);
		scopes.push(scope);
		return scope;
	}

	/** Where a scope comes from; a later constant ranks above an earlier one. */
	public enum Origin {

		/** Opened for a web request, from its principal, headers and handler. */
		REQUEST,

		/** Opened by a {@link TokenSenseScope @TokenSenseScope} method. */
		METHOD,

		/** Opened in code with {@link ScopeBuilder#open()}. */
		CODE

	}

	/** Builds a scope; {@link #open()} starts it on the current thread. */
	public static final class ScopeBuilder {

		private @Nullable String userId;

		private @Nullable String sessionId;

		private List<String> tags = List.of();

		private ScopeBuilder() {
		}

		public ScopeBuilder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		public ScopeBuilder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		public ScopeBuilder tags(String... tags) {
			this.tags = List.copyOf(Arrays.asList(tags));
			return this;
		}

		/** Starts the scope on this thread; it lasts until it is closed, on any thread. */
		public Scope open() {
			return open(Origin.CODE);
		}

		/**
		 * Starts a scope of the given origin on this thread; it lasts until it is closed, on any
		 * thread. Integrations use it so that a scope opened in code wins over theirs.
		 */
		public Scope open(Origin origin) {
			return push(origin, new Attribution(this.userId, this.sessionId, this.tags), null);
		}

	}

	/**
	 * An open scope. Closing it takes its attribution off the thread that opened it, whatever
	 * else was opened or closed there meanwhile; closing it again does nothing, and closing it
	 * on another thread changes nothing on that other thread.
	 */
	public static final class Scope implements AutoCloseable {

		/** What an empty snapshot opens: nothing to close. */
		private static final Scope NOTHING = new Scope(new ScopeStack(), Origin.CODE, Attribution.NONE, null);

		static {
			NOTHING.closed = true;
		}

		private final ScopeStack owner;

		private final Origin origin;

		private final Attribution layer;

		/** What was in force on the owning thread with this scope the innermost one. */
		private Attribution effective = Attribution.NONE;

		/** Opened with this one from a snapshot, closed with it. */
		private final @Nullable Scope under;

		private volatile boolean closed;

		private Scope(ScopeStack owner, Origin origin, Attribution layer, @Nullable Scope under) {
			this.owner = owner;
			this.origin = origin;
			this.layer = layer;
			this.under = under;
		}

		Origin origin() {
			return this.origin;
		}

		Attribution layer() {
			return this.layer;
		}

		Attribution effective() {
			return this.effective;
		}

		void effective(Attribution effective) {
			this.effective = effective;
		}

		boolean isClosed() {
			return this.closed;
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (SCOPES.get() != this.owner) {
				this.owner.markStale();
			}
			else {
				this.owner.remove(this);
				if (this.owner.isEmpty() && !this.owner.isReplacement()) {
					// a pooled thread keeps nothing of the scopes it ran
					SCOPES.remove();
				}
			}
			if (this.under != null) {
				this.under.close();
			}
		}

	}

	/**
	 * The scopes that were open on a thread, each origin's merged into one: reopened on another
	 * thread, they attribute its calls as they would have been attributed there.
	 */
	public static final class Snapshot {

		private static final Origin[] ORIGINS = Origin.values();

		/** No scope. */
		static final Snapshot EMPTY = new Snapshot(new Attribution[ORIGINS.length]);

		/** By origin, the scopes of that origin merged (the inner one winning); null where none. */
		private final @Nullable Attribution[] layers;

		Snapshot(@Nullable Attribution[] layers) {
			this.layers = layers;
		}

		/** Whether no scope was open. */
		public boolean isEmpty() {
			for (Attribution layer : this.layers) {
				if (layer != null) {
					return false;
				}
			}
			return true;
		}

		/** This snapshot with one more scope of the given origin, inside those of that origin. */
		public Snapshot with(Origin origin, Attribution layer) {
			@Nullable Attribution[] layers = this.layers.clone();
			Attribution broader = layers[origin.ordinal()];
			layers[origin.ordinal()] = (broader != null) ? broader.narrowedBy(layer) : layer;
			return new Snapshot(layers);
		}

		/**
		 * Opens these scopes on this thread, each with its origin, so they rank against the
		 * thread's own as the originals did; closing the scope returned closes them all.
		 */
		public Scope open() {
			Scope innermost = null;
			for (Origin origin : ORIGINS) {
				Attribution layer = this.layers[origin.ordinal()];
				if (layer != null) {
					innermost = push(origin, layer, innermost);
				}
			}
			return (innermost != null) ? innermost : Scope.NOTHING;
		}

		@Override
		public String toString() {
			return "Snapshot" + Arrays.toString(this.layers);
		}

	}

}
