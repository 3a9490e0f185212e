package io.tokensense.sample;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the text out of OpenAI and Anthropic request messages, whose {@code content} is
 * either a string or an array of typed parts.
 */
final class RequestText {

	private RequestText() {
	}

	/** The text of every message, concatenated. */
	static String all(JsonNode messages) {
		StringBuilder text = new StringBuilder();
		for (JsonNode message : messages) {
			text.append(of(message.path("content")));
		}
		return text.toString();
	}

	/** Anthropic's top-level {@code system} prompt, or an empty string. */
	static String system(JsonNode request) {
		return of(request.path("system"));
	}

	/** The text of one {@code content} value: a string, or the {@code text} of each part. */
	static String of(JsonNode content) {
		if (content.isTextual()) {
			return content.asText();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			text.append(part.path("text").asText(""));
		}
		return text.toString();
	}

}
