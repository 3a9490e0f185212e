package io.tokensense.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.tokensense.testsupport.LoopbackServer.Reply;

/**
 * Server-sent event bodies in each provider's streaming shape, as the real APIs send them:
 * OpenAI's {@code data:} lines ending with {@code [DONE]}, Anthropic's named events.
 */
public final class StreamPayloads {

	/** The pieces of text the OpenAI test streams deliver. */
	public static final List<String> HELLO_THERE = List.of("Hel", "lo", " there");

	private StreamPayloads() {
	}

	public static Reply sse(String body) {
		return new Reply(200, "text/event-stream", body);
	}

	/** OpenAI chat chunks: a role chunk, one chunk per piece of text and a finish chunk. */
	public static List<String> openAiChunks(String id, String model, List<String> pieces, boolean usageRequested) {
		String usage = usageRequested ? ",\"usage\":null" : "";
		String head = "{\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":1764201600,\"model\":\"%s\",\"system_fingerprint\":\"fp_test\",\"choices\":["
			.formatted(id, model);
		List<String> chunks = new java.util.ArrayList<>();
		chunks.add(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]" + usage + "}");
		for (String piece : pieces) {
			chunks.add(head + "{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"},\"logprobs\":null,\"finish_reason\":null}]" + usage + "}");
		}
		chunks.add(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]" + usage + "}");
		return chunks;
	}

	/** The last chunk of a stream that asked for usage: empty {@code choices}. */
	public static String openAiUsageChunk(String id, String model, long prompt, long cached, long completion) {
		return ("{\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":1764201600,\"model\":\"%s\",\"system_fingerprint\":\"fp_test\",\"choices\":[],"
				+ "\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d,"
				+ "\"prompt_tokens_details\":{\"cached_tokens\":%d,\"audio_tokens\":0},"
				+ "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}")
			.formatted(id, model, prompt, completion, prompt + completion, cached);
	}

	/** Groq's last chunk: the finish, with usage only under {@code x_groq.usage}. */
	public static String groqLastChunk(String id, String model, long prompt, long completion) {
		return ("{\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":1764201600,\"model\":\"%s\",\"system_fingerprint\":\"fp_groq\","
				+ "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
				+ "\"x_groq\":{\"id\":\"req_01groq\",\"usage\":{\"queue_time\":0.02,\"prompt_tokens\":%d,\"prompt_time\":0.01,"
				+ "\"completion_tokens\":%d,\"completion_time\":0.05,\"total_tokens\":%d,\"total_time\":0.06}}}")
			.formatted(id, model, prompt, completion, prompt + completion);
	}

	/** {@code data: chunk} events followed by {@code data: [DONE]}. */
	/**
	 * A gpt-4o-mini stream of "Hel", "lo", " there" that ends with a usage chunk, as OpenAI sends
	 * it when the request set {@code stream_options.include_usage}.
	 */
	public static String openAiSseWithUsage(String id, long prompt, long cached, long completion) {
		List<String> chunks = new ArrayList<>(openAiChunks(id, "gpt-4o-mini-2024-07-18", HELLO_THERE, true));
		chunks.add(openAiUsageChunk(id, "gpt-4o-mini-2024-07-18", prompt, cached, completion));
		return openAiSse(chunks);
	}

	public static String openAiSse(List<String> chunks) {
		return chunks.stream().map((chunk) -> "data: " + chunk + "\n\n").collect(Collectors.joining())
				+ "data: [DONE]\n\n";
	}

	public static String anthropicEvent(String type, String data) {
		return "event: " + type + "\ndata: " + data + "\n\n";
	}

	public static String anthropicStart(String id, String model, long input, long cacheRead, long cacheWrite,
			long cacheWrite1h) {
		return anthropicEvent("message_start", """
				{"type":"message_start","message":{"id":"%s","type":"message","role":"assistant","model":"%s","content":[],\
				"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":%d,"cache_creation_input_tokens":%d,\
				"cache_read_input_tokens":%d,"cache_creation":{"ephemeral_5m_input_tokens":%d,"ephemeral_1h_input_tokens":%d},\
				"output_tokens":1,"service_tier":"standard"}}}"""
			.formatted(id, model, input, cacheWrite, cacheRead, cacheWrite - cacheWrite1h, cacheWrite1h));
	}

	/** A text block: start, one delta per piece, stop, with a ping in between as the API sends. */
	public static String anthropicText(List<String> pieces) {
		StringBuilder events = new StringBuilder(anthropicEvent("content_block_start",
				"{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
		events.append(anthropicEvent("ping", "{\"type\": \"ping\"}"));
		for (String piece : pieces) {
			events.append(anthropicEvent("content_block_delta",
					"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece
							+ "\"}}"));
		}
		events.append(anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
		return events.toString();
	}

	/** A {@code message_delta}; {@code usage} is its usage object, cumulative. */
	public static String anthropicDelta(String usage) {
		return anthropicEvent("message_delta",
				"{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":" + usage
						+ "}");
	}

	public static String anthropicStop() {
		return anthropicEvent("message_stop", "{\"type\":\"message_stop\"}");
	}

	public static String anthropicError(String type, String message) {
		return anthropicEvent("error",
				"{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
	}

}
