package io.tokensense.sample;

import java.math.BigDecimal;

import io.tokensense.CallEvent;
import io.tokensense.PricingStatus;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /demo/chat} answers: the model's reply and what TokenSense recorded for
 * the call. The recorded fields are {@code null} when no event was recorded, which means
 * the client was not observed.
 *
 * @param provider the provider that was asked
 * @param model the model that was asked for
 * @param text the model's reply
 * @param requestId the provider's id for the response
 * @param userId the user the recorded event is attributed to
 * @param costUsd what the call cost, in US dollars
 * @param inputTokens the input tokens of the call
 * @param outputTokens the output tokens of the call
 * @param pricingStatus whether the call could be priced
 */
public record ChatReply(String provider, String model, String text, String requestId, @Nullable String userId,
		@Nullable BigDecimal costUsd, @Nullable Long inputTokens, @Nullable Long outputTokens,
		@Nullable PricingStatus pricingStatus) {

	static ChatReply of(DemoProvider provider, String text, String requestId, @Nullable CallEvent event) {
		if (event == null) {
			return new ChatReply(provider.id(), provider.model(), text, requestId, null, null, null, null, null);
		}
		return new ChatReply(provider.id(), provider.model(), text, requestId, event.userId(), event.costUsd(),
				event.inputTokens(), event.outputTokens(), event.pricingStatus());
	}

}
