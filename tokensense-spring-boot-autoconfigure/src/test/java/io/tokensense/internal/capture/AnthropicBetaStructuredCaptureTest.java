package io.tokensense.internal.capture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.beta.messages.MessageCreateParams;
import com.anthropic.models.beta.messages.StructuredMessage;
import com.anthropic.models.messages.Model;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beta structured messages ({@code beta().messages().create(StructuredMessageCreateParams)})
 * are read like the plain structured ones: model, id and usage from the raw message inside.
 */
class AnthropicBetaStructuredCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void pricesABetaStructuredMessage() {
		this.server.enqueue(Reply.json("""
				{"id":"msg_bs1","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
				 "content":[{"type":"text","text":"{\\"city\\":\\"Lyon\\",\\"population\\":520000}"}],
				 "stop_reason":"end_turn","stop_sequence":null,
				 "usage":{"input_tokens":400,"output_tokens":60}}
				"""));
		AnthropicClient client = ClientProxies.observe(
				AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("k").maxRetries(0).build(),
				ObserveOptions.builder().logPrompts(true).build(), this.sink.route());

		StructuredMessage<StructuredOutputCaptureTest.City> message = client.beta()
			.messages()
			.create(MessageCreateParams.builder()
				.model(Model.of("claude-haiku-4-5"))
				.maxTokens(256)
				.addUserMessage("Second city of France?")
				.outputFormat(StructuredOutputCaptureTest.City.class)
				.build());

		assertThat(message.rawMessage().id()).isEqualTo("msg_bs1");
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("messages");
		assertThat(event.requestModel()).isEqualTo("claude-haiku-4-5");
		assertThat(event.responseModel()).isEqualTo("claude-haiku-4-5-20251001");
		assertThat(event.requestId()).isEqualTo("msg_bs1");
		assertThat(event.inputTokens()).isEqualTo(400);
		assertThat(event.outputTokens()).isEqualTo(60);
		assertThat(event.prompt()).contains("Second city of France?");
		// claude-haiku-4-5: 400 × $1 / M input + 60 × $5 / M output
		assertThat(event.costUsd()).isEqualByComparingTo("0.0007");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

}
