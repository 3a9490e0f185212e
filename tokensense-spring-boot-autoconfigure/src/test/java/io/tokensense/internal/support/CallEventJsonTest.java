package io.tokensense.internal.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.tokensense.output.EventBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallEventJsonTest {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void writesEveryFieldInCamelCase() throws Exception {
		EventBuilder event = EventBuilder.event();
		event.timeToFirstToken = Duration.ofMillis(120);
		event.userId = "alice";
		event.sessionId = "s-1";
		event.tags = List.of("production", "chat");
		String json = CallEventJson.toJson(event.build());
		assertThat(json).doesNotContain("\n");
		JsonNode node = this.mapper.readTree(json);
		assertThat(node.get("id").asText()).isEqualTo("0b7c6a2e-3f7d-4a8e-9d61-2f1a5c9e8b10");
		assertThat(node.get("timestamp").asText()).isEqualTo("2025-06-01T12:00:00.123Z");
		assertThat(node.get("provider").asText()).isEqualTo("anthropic");
		assertThat(node.get("operation").asText()).isEqualTo("messages");
		assertThat(node.get("requestModel").asText()).isEqualTo("claude-sonnet-4-6");
		assertThat(node.get("inputTokens").isIntegralNumber()).isTrue();
		assertThat(node.get("inputTokens").asLong()).isEqualTo(12);
		assertThat(node.get("outputTokens").asLong()).isEqualTo(24);
		assertThat(node.get("totalTokens").asLong()).isEqualTo(36);
		assertThat(node.get("cacheReadTokens").asLong()).isZero();
		assertThat(node.get("costUsd").isNumber()).isTrue();
		assertThat(node.get("costUsd").decimalValue()).isEqualByComparingTo("0.000396");
		assertThat(node.get("pricingStatus").asText()).isEqualTo("PRICED");
		assertThat(node.get("latencyMs").asLong()).isEqualTo(847);
		assertThat(node.get("timeToFirstTokenMs").asLong()).isEqualTo(120);
		assertThat(node.get("streamed").asBoolean()).isTrue();
		assertThat(node.get("status").asText()).isEqualTo("SUCCESS");
		assertThat(node.get("userId").asText()).isEqualTo("alice");
		assertThat(node.get("sessionId").asText()).isEqualTo("s-1");
		assertThat(node.get("tags").isArray()).isTrue();
		assertThat(node.get("tags")).extracting(JsonNode::asText).containsExactly("production", "chat");
		assertThat(node.get("requestId").asText()).isEqualTo("msg_01");
	}

	@Test
	void leavesOutNullFields() throws Exception {
		JsonNode node = this.mapper.readTree(CallEventJson.toJson(EventBuilder.event().noUsage().build()));
		assertThat(node.has("inputTokens")).isFalse();
		assertThat(node.has("costUsd")).isFalse();
		assertThat(node.has("timeToFirstTokenMs")).isFalse();
		assertThat(node.has("errorType")).isFalse();
		assertThat(node.has("prompt")).isFalse();
		assertThat(node.get("tags").isEmpty()).isTrue();
		assertThat(node.get("pricingStatus").asText()).isEqualTo("NO_USAGE");
	}

	@Test
	void writesTinyCostsWithoutAnExponent() {
		EventBuilder event = EventBuilder.event();
		event.costUsd = new BigDecimal("1.5E-7");
		assertThat(CallEventJson.toJson(event.build())).contains("\"costUsd\":0.00000015,");
	}

	@Test
	void escapesQuotesBackslashesAndControlCharacters() throws Exception {
		String nasty = "say \"hi\"\\ \n\t\r\u0001\u001f\u007f é 😀 \u2028";
		EventBuilder event = EventBuilder.event();
		event.prompt = nasty;
		event.userId = "ali\"ce";
		event.tags = List.of("a\"b", "c\\d", "e\nf");
		String json = CallEventJson.toJson(event.build());
		assertThat(json).contains("\"prompt\":\"say \\\"hi\\\"\\\\ \\u000a\\u0009\\u000d\\u0001\\u001f\\u007f é 😀 \\u2028\"");
		assertThat(json).doesNotContain("\n").doesNotContain("\t");
		JsonNode node = this.mapper.readTree(json);
		assertThat(node.get("prompt").asText()).isEqualTo(nasty);
		assertThat(node.get("userId").asText()).isEqualTo("ali\"ce");
		assertThat(node.get("tags")).extracting(JsonNode::asText).containsExactly("a\"b", "c\\d", "e\nf");
	}

	@Test
	void writesAJsonArrayOfStrings() {
		assertThat(CallEventJson.toJsonArray(List.of())).isEqualTo("[]");
		assertThat(CallEventJson.toJsonArray(List.of("x", "y\"z"))).isEqualTo("[\"x\",\"y\\\"z\"]");
	}

}
