package io.tokensense.internal.capture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.StructuredMessage;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured outputs are priced from the raw response inside them.
 */
class StructuredOutputCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void pricesAStructuredChatCompletion() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChatContent("chatcmpl-s1", "gpt-4.1-mini-2025-04-14",
				"{\"city\":\"Paris\",\"population\":2100000}", 2000, 500)));
		OpenAIClient client = ClientProxies.observe(
				OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("k").maxRetries(0).build(),
				ObserveOptions.defaults(), this.sink.route());

		StructuredChatCompletion<City> completion = client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(ChatModel.of("gpt-4.1-mini"))
				.addUserMessage("Largest city of France?")
				.responseFormat(City.class)
				.build());

		assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
				(city) -> assertThat(city.city).isEqualTo("Paris"));
		CallEvent event = this.sink.single();
		assertThat(event.requestModel()).isEqualTo("gpt-4.1-mini");
		assertThat(event.inputTokens()).isEqualTo(2000);
		// gpt-4.1-mini: $0.40 / M input, $1.60 / M output
		assertThat(event.costUsd()).isEqualByComparingTo("0.0016");
	}

	@Test
	void pricesAStructuredAnthropicMessage() {
		this.server.enqueue(Reply.json("""
				{"id":"msg_s1","type":"message","role":"assistant","model":"claude-haiku-4-5",
				 "content":[{"type":"text","text":"{\\"city\\":\\"Lyon\\",\\"population\\":520000}"}],
				 "stop_reason":"end_turn","stop_sequence":null,
				 "usage":{"input_tokens":400,"output_tokens":60}}
				"""));
		AnthropicClient client = ClientProxies.observe(
				AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("k").maxRetries(0).build(),
				ObserveOptions.defaults(), this.sink.route());

		StructuredMessage<City> message = client.messages()
			.create(MessageCreateParams.builder()
				.model(Model.of("claude-haiku-4-5"))
				.maxTokens(256)
				.addUserMessage("Second city of France?")
				.outputConfig(City.class)
				.build());

		assertThat(message.id()).isEqualTo("msg_s1");
		CallEvent event = this.sink.single();
		assertThat(event.inputTokens()).isEqualTo(400);
		// claude-haiku-4-5: $1 / M input, $5 / M output
		assertThat(event.costUsd()).isEqualByComparingTo("0.0007");
	}

	/** The shape both models are asked for. */
	public static class City {

		public String city;

		public long population;

	}

}
