package io.tokensense;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

	/** Whether the call ended with {@link CallStatus#SUCCESS}. */
	public boolean isSuccess() {
		return this.status == CallStatus.SUCCESS;
	}

}
