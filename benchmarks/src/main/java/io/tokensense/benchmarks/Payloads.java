package io.tokensense.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.openai.core.ObjectMappers;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;

/** The one request, response and event every benchmark uses, in the shapes the real API sends. */
final class Payloads {

	/** A gpt-4o-mini answer with usage, cached and reasoning details, as api.openai.com sends it. */
	static final String CHAT_COMPLETION_JSON = """
			{"id":"chatcmpl-bench","object":"chat.completion","created":1764201600,"model":"gpt-4o-mini-2024-07-18",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?","refusal":null,
			   "annotations":[]},"logprobs":null,"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,
			   "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
			   "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
			     "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
			 "service_tier":"default","system_fingerprint":"fp_bench"}
			""";

	private Payloads() {
	}

	static ChatCompletionCreateParams chatRequest() {
		return ChatCompletionCreateParams.builder()
			.model(ChatModel.GPT_4O_MINI)
			.addUserMessage("Say hello in one short sentence.")
			.build();
	}

	static ChatCompletion chatCompletion() {
		try {
			return ObjectMappers.jsonMapper().readValue(CHAT_COMPLETION_JSON, ChatCompletion.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The benchmark's chat completion does not parse", ex);
		}
	}

	/** What the proxy produces for {@link #CHAT_COMPLETION_JSON}: a priced, attributed success. */
	static CallEvent callEvent() {
		return callEvent(UUID.randomUUID());
	}

	/** The user of the benchmark's events. */
	static final String USER = "user_123";

	/** The same event with another id, for outputs that keep one row per id. */
	static CallEvent callEvent(UUID id) {
		return callEvent(id, USER);
	}

	/** The same event with another id and user. */
	static CallEvent callEvent(UUID id, String user) {
		return new CallEvent(id, Instant.parse("2026-11-27T00:00:00Z"), "openai", "chat",
				"gpt-4o-mini", "gpt-4o-mini-2024-07-18", 12L, 9L, 0L, 0L, 0L, 21L, new BigDecimal("0.0000072"),
				PricingStatus.PRICED, Duration.ofMillis(412), null, false, CallStatus.SUCCESS, null, user,
				"session_456", List.of("bench"), "chatcmpl-bench", null, null, null);
	}

}
