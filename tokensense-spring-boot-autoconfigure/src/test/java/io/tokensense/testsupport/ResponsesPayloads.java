package io.tokensense.testsupport;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bodies of OpenAI's Responses API, embeddings and legacy completions, in the shape the real
 * API sends them; the Responses stream as its named server-sent events.
 */
public final class ResponsesPayloads {

	private ResponsesPayloads() {
	}

	/** A response object; {@code usage} is {@code null} for the events that precede the end. */
	public static String response(String id, String model, String status, String usage) {
		return """
				{"id":"%s","object":"response","created_at":1764201600,"status":"%s","model":"%s",\
				"output":[{"type":"message","id":"msg_r1","status":"completed","role":"assistant",\
				"content":[{"type":"output_text","text":"Hi there","annotations":[]}]}],\
				"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"temperature":1.0,"top_p":1.0,\
				"error":null,"incomplete_details":null,"instructions":null,"metadata":{},"usage":%s}"""
			.formatted(id, status, model, usage);
	}

	public static String usage(long input, long cached, long output, long reasoning) {
		return """
				{"input_tokens":%d,"input_tokens_details":{"cached_tokens":%d},"output_tokens":%d,\
				"output_tokens_details":{"reasoning_tokens":%d},"total_tokens":%d}"""
			.formatted(input, cached, output, reasoning, input + output);
	}

	/** A whole Responses stream whose last event is {@code response.<end>} carrying the usage. */
	public static String stream(String id, String model, String end, String usage) {
		String status = switch (end) {
			case "completed" -> "completed";
			case "failed" -> "failed";
			default -> "incomplete";
		};
		return List.of(
				event("response.created", 0, "\"response\":" + response(id, model, "in_progress", "null")),
				event("response.in_progress", 1, "\"response\":" + response(id, model, "in_progress", "null")),
				event("response.output_text.delta", 2,
						"\"item_id\":\"msg_r1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]"),
				event("response.output_text.delta", 3,
						"\"item_id\":\"msg_r1\",\"output_index\":0,\"content_index\":0,\"delta\":\" there\",\"logprobs\":[]"),
				event("response." + end, 4, "\"response\":" + response(id, model, status, usage)))
			.stream()
			.collect(Collectors.joining());
	}

	private static String event(String type, int sequence, String fields) {
		return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequence + "," + fields
				+ "}\n\n";
	}

	public static String embeddings(String model, long promptTokens) {
		return """
				{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347]}],\
				"model":"%s","usage":{"prompt_tokens":%d,"total_tokens":%d}}"""
			.formatted(model, promptTokens, promptTokens);
	}

	public static String completion(String id, String model, long prompt, long completion) {
		return """
				{"id":"%s","object":"text_completion","created":1764201600,"model":"%s",\
				"choices":[{"text":"\\n\\nThis is a test.","index":0,"logprobs":null,"finish_reason":"length"}],\
				"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
			.formatted(id, model, prompt, completion, prompt + completion);
	}

}
