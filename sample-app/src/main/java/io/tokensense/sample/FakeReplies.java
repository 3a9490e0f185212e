package io.tokensense.sample;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies {@link FakeProviderServer} answers with. Token counts are about four
 * characters per token, at least one, so they are plausible and the same on every run.
 */
final class FakeReplies {

	private final ObjectMapper mapper;

	FakeReplies(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	ObjectNode openAiChatCompletion(JsonNode request) {
		return chatCompletion(request, "OpenAI");
	}

	ObjectNode groqChatCompletion(JsonNode request) {
		ObjectNode body = chatCompletion(request, "Groq");
		ObjectNode usage = (ObjectNode) body.get("usage");
		double promptTime = seconds(usage.get("prompt_tokens").asLong() * 10);
		double completionTime = seconds(usage.get("completion_tokens").asLong() * 400);
		usage.put("queue_time", seconds(200));
		usage.put("prompt_time", promptTime);
		usage.put("completion_time", completionTime);
		usage.put("total_time", seconds(Math.round((promptTime + completionTime) * 1_000_000)));
		body.put("system_fingerprint", "fp_fake");
		body.putObject("x_groq").put("id", "req_" + randomId());
		return body;
	}

	ObjectNode anthropicMessage(JsonNode request) {
		String model = request.path("model").asText("claude-haiku-4-5");
		String text = answer("Anthropic", lastUserText(request.path("messages")));
		long inputTokens = tokens(RequestText.system(request) + RequestText.all(request.path("messages")));
		ObjectNode body = this.mapper.createObjectNode();
		body.put("id", "msg_" + randomId());
		body.put("type", "message");
		body.put("role", "assistant");
		body.put("model", model);
		body.putArray("content").addObject().put("type", "text").put("text", text);
		body.put("stop_reason", "end_turn");
		body.putNull("stop_sequence");
		ObjectNode usage = body.putObject("usage");
		usage.put("input_tokens", inputTokens);
		usage.put("output_tokens", tokens(text));
		usage.put("cache_read_input_tokens", 0);
		usage.put("cache_creation_input_tokens", 0);
		usage.put("service_tier", "standard");
		return body;
	}

	private ObjectNode chatCompletion(JsonNode request, String providerName) {
		String model = request.path("model").asText("gpt-4o-mini");
		String text = answer(providerName, lastUserText(request.path("messages")));
		long promptTokens = tokens(RequestText.all(request.path("messages")));
		long completionTokens = tokens(text);
		ObjectNode body = this.mapper.createObjectNode();
		body.put("id", "chatcmpl-" + randomId());
		body.put("object", "chat.completion");
		body.put("created", Instant.now().getEpochSecond());
		body.put("model", model);
		ObjectNode choice = body.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		ObjectNode usage = body.putObject("usage");
		usage.put("prompt_tokens", promptTokens);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", promptTokens + completionTokens);
		usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
		return body;
	}

	private static String lastUserText(JsonNode messages) {
		String text = "";
		for (JsonNode message : messages) {
			if ("user".equals(message.path("role").asText())) {
				text = RequestText.of(message.path("content"));
			}
		}
		return text;
	}

	private static String answer(String providerName, String userText) {
		String quoted = (userText.length() > 80) ? userText.substring(0, 77) + "..." : userText;
		return "Hello from the fake " + providerName + " provider. You said: \"" + quoted
				+ "\". Set a real API key to get a real answer.";
	}

	private static long tokens(String text) {
		return Math.max(1, text.length() / 4);
	}

	/** Groq reports times in seconds; from whole microseconds they print without float noise. */
	private static double seconds(long micros) {
		return micros / 1_000_000.0;
	}

	private static String randomId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
