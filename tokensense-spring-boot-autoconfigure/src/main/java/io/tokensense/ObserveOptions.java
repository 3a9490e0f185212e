package io.tokensense;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.tokensense.budget.BudgetGuard;
import io.tokensense.output.CallEventOutput;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TokenSense#observe(Object, ObserveOptions)} attributes and routes the calls of
 * one client. Every setting is optional.
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
 *
 * @param output where events go; {@code null} for the application's pipeline inside Spring,
 * else the plain-Java default
 * @param userId default user of every call
 * @param sessionId default session of every call
 * @param tags tags added to every call
 * @param logPrompts whether the request content is kept in the event
 * @param logResponses whether the response content is kept in the event
 * @param onEvent called with each event on TokenSense's worker thread, once every output has
 * written it; never for an event that was dropped (queue full, refused by an output, given up
 * after failures), so it sees exactly the events counted as written
 * @param provider provider name to report, overriding detection (e.g. for an
 * OpenAI-compatible host)
 * @param budgets budgets that check each call of the client before it is sent and count its
 * cost once recorded, besides the running application's own; {@code null} for none
 */
public record ObserveOptions(
		@Nullable CallEventOutput output,
		@Nullable String userId,
		@Nullable String sessionId,
		List<String> tags,
		boolean logPrompts,
		boolean logResponses,
		@Nullable Consumer<CallEvent> onEvent,
		@Nullable String provider,
		@Nullable BudgetGuard budgets) {

	private static final ObserveOptions DEFAULTS = builder().build();

	public ObserveOptions {
		tags = List.copyOf(tags);
	}

	/** Options with nothing set. */
	public static ObserveOptions defaults() {
		return DEFAULTS;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Builds {@link ObserveOptions}; every setter is optional. */
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

		public Builder output(CallEventOutput output) {
			this.output = output;
			return this;
		}

		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		public Builder tags(String... tags) {
			return tags(Arrays.asList(tags));
		}

		public Builder tags(List<String> tags) {
			this.tags = List.copyOf(tags);
			return this;
		}

		public Builder logPrompts(boolean logPrompts) {
			this.logPrompts = logPrompts;
			return this;
		}

		public Builder logResponses(boolean logResponses) {
			this.logResponses = logResponses;
			return this;
		}

		public Builder onEvent(Consumer<CallEvent> onEvent) {
			this.onEvent = onEvent;
			return this;
		}

		public Builder provider(@Nullable String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * Budgets for the client's calls, e.g. {@code Budgets.of(...)}: a call whose keys have
		 * spent a blocking budget throws {@code BudgetExceededException} before anything is sent.
		 */
		public Builder budgets(@Nullable BudgetGuard budgets) {
			this.budgets = budgets;
			return this;
		}

		public ObserveOptions build() {
			return new ObserveOptions(this.output, this.userId, this.sessionId, this.tags, this.logPrompts,
					this.logResponses, this.onEvent, this.provider, this.budgets);
		}

	}

}
