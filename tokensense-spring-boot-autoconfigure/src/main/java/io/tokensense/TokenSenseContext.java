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
 */
public final class TokenSenseContext {

	private static final ThreadLocal<@Nullable Attribution> CURRENT = new ThreadLocal<>();

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
		Attribution current = CURRENT.get();
		return (current != null) ? current : Attribution.NONE;
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

		/** Starts the scope on this thread; close it on the same thread. */
		public Scope open() {
			Attribution outer = CURRENT.get();
			Attribution base = (outer != null) ? outer : Attribution.NONE;
			CURRENT.set(base.narrowedBy(new Attribution(this.userId, this.sessionId, this.tags)));
			return new Scope(outer);
		}

	}

	/** An open scope; closing it restores what was in force before. */
	public static final class Scope implements AutoCloseable {

		private final @Nullable Attribution outer;

		private Scope(@Nullable Attribution outer) {
			this.outer = outer;
		}

		@Override
		public void close() {
			if (this.outer == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(this.outer);
			}
		}

	}

}
