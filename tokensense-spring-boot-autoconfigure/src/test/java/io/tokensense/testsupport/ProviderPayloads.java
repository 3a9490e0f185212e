package io.tokensense.testsupport;

/**
 * Response bodies in each provider's JSON shape, as the real APIs send them.
 */
public final class ProviderPayloads {

	private ProviderPayloads() {
	}

	public static String openAiChat(String id, String model, long prompt, long cached, long completion,
			long reasoning) {
		return """
				{"id":"%s","object":"chat.completion","created":1764201600,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from %s","refusal":null},
				   "logprobs":null,"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
				   "prompt_tokens_details":{"cached_tokens":%d,"audio_tokens":0},
				   "completion_tokens_details":{"reasoning_tokens":%d,"audio_tokens":0,
				     "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
				 "service_tier":"default","system_fingerprint":"fp_test"}
				""".formatted(id, model, model, prompt, completion, prompt + completion, cached, reasoning);
	}

	public static String openAiChatContent(String id, String model, String content, long prompt,
			long completion) {
		return """
				{"id":"%s","object":"chat.completion","created":1764201600,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
				""".formatted(id, model, quoted(content), prompt, completion, prompt + completion);
	}

	public static String openAiChatWithoutUsage(String id, String model) {
		return """
				{"id":"%s","object":"chat.completion","created":1764201600,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"no usage here"},"finish_reason":"stop"}]}
				""".formatted(id, model);
	}

	/** Groq's shape: OpenAI's plus timing fields and an {@code x_groq} block. */
	public static String groqChat(String id, String model, long prompt, long completion) {
		return """
				{"id":"%s","object":"chat.completion","created":1764201600,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"fast"},"logprobs":null,"finish_reason":"stop"}],
				 "usage":{"queue_time":0.02,"prompt_tokens":%d,"prompt_time":0.01,"completion_tokens":%d,
				   "completion_time":0.05,"total_tokens":%d,"total_time":0.06},
				 "system_fingerprint":"fp_groq","x_groq":{"id":"req_01groq"}}
				""".formatted(id, model, prompt, completion, prompt + completion);
	}

	/** A Groq answer whose usage arrives only under {@code x_groq.usage}. */
	public static String groqChatUsageInXGroq(String id, String model, long prompt, long completion) {
		return """
				{"id":"%s","object":"chat.completion","created":1764201600,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"fast"},"finish_reason":"stop"}],
				 "x_groq":{"id":"req_01groq","usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}}
				""".formatted(id, model, prompt, completion, prompt + completion);
	}

	public static String anthropicMessage(String id, String model, long input, long output, long cacheRead,
			long cacheWrite, long cacheWrite1h) {
		return """
				{"id":"%s","type":"message","role":"assistant","model":"%s",
				 "content":[{"type":"text","text":"Bonjour from %s"}],
				 "stop_reason":"end_turn","stop_sequence":null,
				 "usage":{"input_tokens":%d,"output_tokens":%d,"cache_read_input_tokens":%d,
				   "cache_creation_input_tokens":%d,
				   "cache_creation":{"ephemeral_5m_input_tokens":%d,"ephemeral_1h_input_tokens":%d},
				   "service_tier":"standard"}}
				""".formatted(id, model, model, input, output, cacheRead, cacheWrite, cacheWrite - cacheWrite1h,
				cacheWrite1h);
	}

	public static String anthropicMessageWithoutUsage(String id, String model) {
		return """
				{"id":"%s","type":"message","role":"assistant","model":"%s",
				 "content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","stop_sequence":null}
				""".formatted(id, model);
	}

	public static String openAiError(String type, String message) {
		return """
				{"error":{"message":"%s","type":"%s","param":null,"code":null}}
				""".formatted(message, type);
	}

	public static String anthropicError(String type, String message) {
		return """
				{"type":"error","error":{"type":"%s","message":"%s"}}
				""".formatted(type, message);
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
