package io.tokensense;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.tokensense.budget.BudgetGuard;
import io.tokensense.output.CallEventOutput;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TokenSense#observe(Object, ObserveOptions)} attributes and routes the calls of
 * one client. Built only by its {@link #builder()}; every setting is optional, so a setting
 * added later never breaks code written before it.
 *
 * <pre>{@code
 * ObserveOptions.builder()
 *     .output(JdbcOutput.sqlite("./usage.db"))
 *     .userId("user_123").sessionId("chat_456")
 *     .tags("production", "chat-feature")
 *     .onEvent(event -> ...)
 *     .budgets(Budgets.of(...))
 *     .build();
 * }</pre>
 */
public final class ObserveOptions {

	private static final ObserveOptions DEFAULTS = builder().build();

	private final @Nullable CallEventOutput output;

	private final @Nullable String userId;

	private final @Nullable String sessionId;

	private final List<String> tags;

	private final boolean logPrompts;

	private final boolean logResponses;

	private final @Nullable Consumer<CallEvent> onEvent;

	private final @Nullable String provider;

	private final @Nullable BudgetGuard budgets;

	private ObserveOptions(Builder builder) {
		this.output = builder.output;
		this.userId = builder.userId;
		this.sessionId = builder.sessionId;
		this.tags = builder.tags;
		this.logPrompts = builder.logPrompts;
		this.logResponses = builder.logResponses;
		this.onEvent = builder.onEvent;
		this.provider = builder.provider;
		this.budgets = builder.budgets;
	}

	/**
	 * Options with nothing set.
	 * @return the shared empty options
	 */
	public static ObserveOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts building options.
	 * @return a builder with nothing set
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Where events go.
	 * @return the output; {@code null} for the application's pipeline inside Spring, else the
	 * plain-Java default
	 */
	public @Nullable CallEventOutput output() {
		return this.output;
	}

	/**
	 * The default user of every call; a {@link TokenSenseContext} scope wins over it.
	 * @return the user, or {@code null}
	 */
	public @Nullable String userId() {
		return this.userId;
	}

	/**
	 * The default session of every call; a {@link TokenSenseContext} scope wins over it.
	 * @return the session, or {@code null}
	 */
	public @Nullable String sessionId() {
		return this.sessionId;
	}

	/**
	 * The tags added to every call.
	 * @return the tags, never {@code null}
	 */
	public List<String> tags() {
		return this.tags;
	}

	/**
	 * Whether the request content is kept in the event.
	 * @return whether prompts are captured
	 */
	public boolean logPrompts() {
		return this.logPrompts;
	}

	/**
	 * Whether the response content is kept in the event.
	 * @return whether responses are captured
	 */
	public boolean logResponses() {
		return this.logResponses;
	}

	/**
	 * Called with each event on TokenSense's worker thread, once every output has written it;
	 * never for an event that was dropped (queue full, refused by an output, given up after
	 * failures), so it sees exactly the events counted as written.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<CallEvent> onEvent() {
		return this.onEvent;
	}

	/**
	 * The provider name to report, overriding detection (e.g. for an OpenAI-compatible host).
	 * @return the provider, or {@code null} to detect it
	 */
	public @Nullable String provider() {
		return this.provider;
	}

	/**
	 * Budgets that check each call of the client before it is sent and count its cost once
	 * recorded, besides the running application's own.
	 * @return the budgets, or {@code null} for none
	 */
	public @Nullable BudgetGuard budgets() {
		return this.budgets;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof ObserveOptions that && Objects.equals(this.output, that.output)
				&& Objects.equals(this.userId, that.userId) && Objects.equals(this.sessionId, that.sessionId)
				&& this.tags.equals(that.tags) && this.logPrompts == that.logPrompts
				&& this.logResponses == that.logResponses && Objects.equals(this.onEvent, that.onEvent)
				&& Objects.equals(this.provider, that.provider) && Objects.equals(this.budgets, that.budgets);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.output, this.userId, this.sessionId, this.tags, this.logPrompts, this.logResponses,
				this.onEvent, this.provider, this.budgets);
	}

	@Override
	public String toString() {
		return "ObserveOptions[output=" + this.output + ", userId=" + this.userId + ", sessionId=" + this.sessionId
				+ ", tags=" + this.tags + ", logPrompts=" + this.logPrompts + ", logResponses=" + this.logResponses
				+ ", onEvent=" + this.onEvent + ", provider=" + this.provider + ", budgets=" + this.budgets + "]";
	}

	/** Builds {@link ObserveOptions}; every setter is optional, and a later call replaces an earlier one. */
	public static final class Builder {

		private @Nullable CallEventOutput output;

		private @Nullable String userId;

		private @Nullable String sessionId;

		private List<String> tags = List.of();

		private boolean logPrompts;

		private boolean logResponses;

		private @Nullable Consumer<CallEvent> onEvent;

		private @Nullable String provider;

		private @Nullable BudgetGuard budgets;

		private Builder() {
		}

		/**
		 * Sends the client's events to an output of their own (with a pipeline of its own,
		 * shared by every client observed with the same output).
		 * @param output any {@link CallEventOutput}; {@code null} for the default
		 * @return this builder
		 */
		public Builder output(@Nullable CallEventOutput output) {
			this.output = output;
			return this;
		}

		/**
		 * Sets the default user of every call.
		 * @param userId the user; {@code null} for none
		 * @return this builder
		 */
		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		/**
		 * Sets the default session of every call.
		 * @param sessionId the session; {@code null} for none
		 * @return this builder
		 */
		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		/**
		 * Sets the tags added to every call, replacing those set before.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			return tags(Arrays.asList(tags));
		}

		/**
		 * Sets the tags added to every call, replacing those set before.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(List<String> tags) {
			this.tags = List.copyOf(tags);
			return this;
		}

		/**
		 * Sets whether the request content is kept in the event (off by default: prompts may
		 * hold personal data, and every output writes them).
		 * @param logPrompts whether to capture prompts
		 * @return this builder
		 */
		public Builder logPrompts(boolean logPrompts) {
			this.logPrompts = logPrompts;
			return this;
		}

		/**
		 * Sets whether the response content is kept in the event (off by default).
		 * @param logResponses whether to capture responses
		 * @return this builder
		 */
		public Builder logResponses(boolean logResponses) {
			this.logResponses = logResponses;
			return this;
		}

		/**
		 * Sets a callback run with each event once every output has written it, on
		 * TokenSense's worker thread (so it must not block for long).
		 * @param onEvent the callback; {@code null} for none
		 * @return this builder
		 */
		public Builder onEvent(@Nullable Consumer<CallEvent> onEvent) {
			this.onEvent = onEvent;
			return this;
		}

		/**
		 * Sets the provider name to report, overriding detection.
		 * @param provider e.g. {@code groq} for an OpenAI-compatible client; {@code null} to detect it
		 * @return this builder
		 */
		public Builder provider(@Nullable String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * Sets budgets for the client's calls, e.g. {@code Budgets.of(...)}: a call whose keys
		 * have spent a blocking budget throws {@code BudgetExceededException} before anything
		 * is sent.
		 * @param budgets the budgets; {@code null} for none
		 * @return this builder
		 */
		public Builder budgets(@Nullable BudgetGuard budgets) {
			this.budgets = budgets;
			return this;
		}

		/**
		 * Builds the options.
		 * @return options holding what was set
		 */
		public ObserveOptions build() {
			return new ObserveOptions(this);
		}

	}

}
