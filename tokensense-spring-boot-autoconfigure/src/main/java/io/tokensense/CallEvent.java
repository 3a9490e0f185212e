package io.tokensense;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One observed LLM call: who made it, what it used, what it cost and how it ended.
 *
 * <p>Token counts follow OpenTelemetry's meaning: {@code inputTokens} holds every input
 * token (cache reads and writes included) and {@code outputTokens} every output token
 * (reasoning included); the cache and reasoning fields are subsets. All token fields are
 * {@code null} when the provider reported no usage. {@code costUsd} is {@code null} unless
 * {@code pricingStatus} is {@link PricingStatus#PRICED}. {@code prompt} and {@code response}
 * stay {@code null} unless content capture was switched on.
 *
 * @param id unique per call; the primary key of the JDBC table
 * @param timestamp when the call started
 * @param provider {@code openai}, {@code anthropic}, {@code groq}, ...
 * @param operation {@code chat}, {@code responses}, {@code embeddings}, {@code completions},
 * {@code messages} or {@code batches}
 * @param requestModel the model asked for
 * @param responseModel the model the provider reports having served
 * @param inputTokens all input tokens
 * @param outputTokens all output tokens
 * @param cacheReadTokens input tokens read from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to the provider's prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 * @param totalTokens input plus output
 * @param costUsd what the call cost, in US dollars
 * @param pricingStatus whether and why the call was priced
 * @param latency from the call's start to its response (streams: to their end)
 * @param timeToFirstToken streams only: until the first chunk arrived
 * @param streamed whether the response was streamed
 * @param status how the call ended
 * @param errorType the provider's HTTP status or the exception's simple class name; never a message
 * @param userId who the call was made for
 * @param sessionId the conversation or session it belongs to
 * @param tags free-form labels
 * @param requestId the provider's id for the response ({@code chatcmpl-...}, {@code msg_...})
 * @param prompt the request content, when prompt capture is on
 * @param response the response content, when response capture is on
 * @param serviceTier the service tier the provider reported serving the call at ({@code priority},
 * {@code flex}, {@code batch}, ...), {@code null} when it reported none; a tier the price catalog
 * prices for the model ({@code *_priority}, {@code *_flex}, {@code *_batches}) was used for {@code costUsd}
 */
public record CallEvent(
		UUID id,
		Instant timestamp,
		String provider,
		String operation,
		@Nullable String requestModel,
		@Nullable String responseModel,
		@Nullable Long inputTokens,
		@Nullable Long outputTokens,
		@Nullable Long cacheReadTokens,
		@Nullable Long cacheWriteTokens,
		@Nullable Long reasoningTokens,
		@Nullable Long totalTokens,
		@Nullable BigDecimal costUsd,
		PricingStatus pricingStatus,
		Duration latency,
		@Nullable Duration timeToFirstToken,
		boolean streamed,
		CallStatus status,
		@Nullable String errorType,
		@Nullable String userId,
		@Nullable String sessionId,
		List<String> tags,
		@Nullable String requestId,
		@Nullable String prompt,
		@Nullable String response,
		@Nullable String serviceTier) {

	public CallEvent {
		tags = List.copyOf(tags);
	}

	/**
	 * Starts building an event. Prefer it to the canonical constructor in your own code (an
	 * output's tests, say): a field added to the record later leaves builder code compiling.
	 * Unset fields are {@code null}, {@code false} or, for {@code tags}, empty.
	 * @return an empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds a {@link CallEvent} field by field; each setter replaces what was set before. */
	public static final class Builder {

		private @Nullable UUID id;
		private @Nullable Instant timestamp;
		private @Nullable String provider;
		private @Nullable String operation;
		private @Nullable String requestModel;
		private @Nullable String responseModel;
		private @Nullable Long inputTokens;
		private @Nullable Long outputTokens;
		private @Nullable Long cacheReadTokens;
		private @Nullable Long cacheWriteTokens;
		private @Nullable Long reasoningTokens;
		private @Nullable Long totalTokens;
		private @Nullable BigDecimal costUsd;
		private @Nullable PricingStatus pricingStatus;
		private @Nullable Duration latency;
		private @Nullable Duration timeToFirstToken;
		private boolean streamed;
		private @Nullable CallStatus status;
		private @Nullable String errorType;
		private @Nullable String userId;
		private @Nullable String sessionId;
		private List<String> tags = List.of();
		private @Nullable String requestId;
		private @Nullable String prompt;
		private @Nullable String response;
		private @Nullable String serviceTier;

		private Builder() {
		}

		/** Sets {@link CallEvent#id() id}; returns this builder. */
		public Builder id(UUID id) {
			this.id = id;
			return this;
		}

		/** Sets {@link CallEvent#timestamp() timestamp}; returns this builder. */
		public Builder timestamp(Instant timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		/** Sets {@link CallEvent#provider() provider}; returns this builder. */
		public Builder provider(String provider) {
			this.provider = provider;
			return this;
		}

		/** Sets {@link CallEvent#operation() operation}; returns this builder. */
		public Builder operation(String operation) {
			this.operation = operation;
			return this;
		}

		/** Sets {@link CallEvent#requestModel() requestModel}; returns this builder. */
		public Builder requestModel(@Nullable String requestModel) {
			this.requestModel = requestModel;
			return this;
		}

		/** Sets {@link CallEvent#responseModel() responseModel}; returns this builder. */
		public Builder responseModel(@Nullable String responseModel) {
			this.responseModel = responseModel;
			return this;
		}

		/** Sets {@link CallEvent#inputTokens() inputTokens}; returns this builder. */
		public Builder inputTokens(@Nullable Long inputTokens) {
			this.inputTokens = inputTokens;
			return this;
		}

		/** Sets {@link CallEvent#outputTokens() outputTokens}; returns this builder. */
		public Builder outputTokens(@Nullable Long outputTokens) {
			this.outputTokens = outputTokens;
			return this;
		}

		/** Sets {@link CallEvent#cacheReadTokens() cacheReadTokens}; returns this builder. */
		public Builder cacheReadTokens(@Nullable Long cacheReadTokens) {
			this.cacheReadTokens = cacheReadTokens;
			return this;
		}

		/** Sets {@link CallEvent#cacheWriteTokens() cacheWriteTokens}; returns this builder. */
		public Builder cacheWriteTokens(@Nullable Long cacheWriteTokens) {
			this.cacheWriteTokens = cacheWriteTokens;
			return this;
		}

		/** Sets {@link CallEvent#reasoningTokens() reasoningTokens}; returns this builder. */
		public Builder reasoningTokens(@Nullable Long reasoningTokens) {
			this.reasoningTokens = reasoningTokens;
			return this;
		}

		/** Sets {@link CallEvent#totalTokens() totalTokens}; returns this builder. */
		public Builder totalTokens(@Nullable Long totalTokens) {
			this.totalTokens = totalTokens;
			return this;
		}

		/** Sets {@link CallEvent#costUsd() costUsd}; returns this builder. */
		public Builder costUsd(@Nullable BigDecimal costUsd) {
			this.costUsd = costUsd;
			return this;
		}

		/** Sets {@link CallEvent#pricingStatus() pricingStatus}; returns this builder. */
		public Builder pricingStatus(PricingStatus pricingStatus) {
			this.pricingStatus = pricingStatus;
			return this;
		}

		/** Sets {@link CallEvent#latency() latency}; returns this builder. */
		public Builder latency(Duration latency) {
			this.latency = latency;
			return this;
		}

		/** Sets {@link CallEvent#timeToFirstToken() timeToFirstToken}; returns this builder. */
		public Builder timeToFirstToken(@Nullable Duration timeToFirstToken) {
			this.timeToFirstToken = timeToFirstToken;
			return this;
		}

		/** Sets {@link CallEvent#streamed() streamed}; returns this builder. */
		public Builder streamed(boolean streamed) {
			this.streamed = streamed;
			return this;
		}

		/** Sets {@link CallEvent#status() status}; returns this builder. */
		public Builder status(CallStatus status) {
			this.status = status;
			return this;
		}

		/** Sets {@link CallEvent#errorType() errorType}; returns this builder. */
		public Builder errorType(@Nullable String errorType) {
			this.errorType = errorType;
			return this;
		}

		/** Sets {@link CallEvent#userId() userId}; returns this builder. */
		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		/** Sets {@link CallEvent#sessionId() sessionId}; returns this builder. */
		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		/** Sets {@link CallEvent#tags() tags}; returns this builder. */
		public Builder tags(List<String> tags) {
			this.tags = tags;
			return this;
		}

		/** Sets {@link CallEvent#requestId() requestId}; returns this builder. */
		public Builder requestId(@Nullable String requestId) {
			this.requestId = requestId;
			return this;
		}

		/** Sets {@link CallEvent#prompt() prompt}; returns this builder. */
		public Builder prompt(@Nullable String prompt) {
			this.prompt = prompt;
			return this;
		}

		/** Sets {@link CallEvent#response() response}; returns this builder. */
		public Builder response(@Nullable String response) {
			this.response = response;
			return this;
		}

		/** Sets {@link CallEvent#serviceTier() serviceTier}; returns this builder. */
		public Builder serviceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Builds the event.
		 * @return the event
		 * @throws NullPointerException when {@code id}, {@code timestamp}, {@code provider},
		 * {@code operation}, {@code pricingStatus}, {@code latency} or {@code status} is not set
		 */
		public CallEvent build() {
			Objects.requireNonNull(this.id, "id must be set");
			Objects.requireNonNull(this.timestamp, "timestamp must be set");
			Objects.requireNonNull(this.provider, "provider must be set");
			Objects.requireNonNull(this.operation, "operation must be set");
			Objects.requireNonNull(this.pricingStatus, "pricingStatus must be set");
			Objects.requireNonNull(this.latency, "latency must be set");
			Objects.requireNonNull(this.status, "status must be set");
			return new CallEvent(this.id, this.timestamp, this.provider, this.operation, this.requestModel,
					this.responseModel, this.inputTokens, this.outputTokens, this.cacheReadTokens, this.cacheWriteTokens,
					this.reasoningTokens, this.totalTokens, this.costUsd, this.pricingStatus, this.latency,
					this.timeToFirstToken, this.streamed, this.status, this.errorType, this.userId, this.sessionId,
					this.tags, this.requestId, this.prompt, this.response, this.serviceTier);
		}

	}

	/** Whether the call ended with {@link CallStatus#SUCCESS}. */
	public boolean isSuccess() {
		return this.status == CallStatus.SUCCESS;
	}

}
