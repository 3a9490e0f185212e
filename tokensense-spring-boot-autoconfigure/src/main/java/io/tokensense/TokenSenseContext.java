package io.tokensense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

	private static final ThreadLocal<@Nullable Frame> CURRENT = new ThreadLocal<>();

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
		Frame current = CURRENT.get();
		return (current != null) ? current.merged : Attribution.NONE;
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

		/** Starts the scope on this thread; close it on the same thread. */
		public Scope open() {
			return open(Origin.CODE);
		}

		/**
		 * Starts a scope of the given origin on this thread; close it on the same thread.
		 * Integrations use it so that a scope opened in code wins over theirs.
		 */
		public Scope open(Origin origin) {
			Frame outer = CURRENT.get();
			CURRENT.set(new Frame(origin, new Attribution(this.userId, this.sessionId, this.tags), outer));
			return new Scope(outer);
		}

	}

	/** An open scope; closing it restores what was in force before. */
	public static final class Scope implements AutoCloseable {

		private final @Nullable Frame outer;

		private Scope(@Nullable Frame outer) {
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

	/** One open scope on a thread, with what all open scopes make together. */
	private static final class Frame {

		private final Origin origin;

		private final Attribution layer;

		private final @Nullable Frame outer;

		/** The highest origin open, so the usual case (each scope ranks at least as high) is one merge. */
		private final Origin highest;

		private final Attribution merged;

		Frame(Origin origin, Attribution layer, @Nullable Frame outer) {
			this.origin = origin;
			this.layer = layer;
			this.outer = outer;
			if (outer == null) {
				this.highest = origin;
				this.merged = layer;
			}
			else if (origin.compareTo(outer.highest) >= 0) {
				this.highest = origin;
				this.merged = outer.merged.narrowedBy(layer);
			}
			else {
				this.highest = outer.highest;
				this.merged = mergedByOrigin(this);
			}
		}

		/** Broadest first: lower origins, then within an origin the outer scopes. */
		private static Attribution mergedByOrigin(Frame innermost) {
			List<Frame> frames = new ArrayList<>();
			for (Frame frame = innermost; frame != null; frame = frame.outer) {
				frames.add(0, frame);
			}
			frames.sort(Comparator.comparing((Frame frame) -> frame.origin));
			Attribution merged = Attribution.NONE;
			for (Frame frame : frames) {
				merged = merged.narrowedBy(frame.layer);
			}
			return merged;
		}

	}

}
