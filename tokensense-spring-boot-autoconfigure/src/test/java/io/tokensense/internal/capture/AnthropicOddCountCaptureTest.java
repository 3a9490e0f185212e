package io.tokensense.internal.capture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
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
 * One count the SDK cannot hold in a {@code long} costs only that count: the real
 * anthropic-java client parses the body, and model, id and the other counts are still read.
 */
class AnthropicOddCountCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void keepsModelIdAndTokensOfAMessageWithAnOddCacheCount() {
		this.server.enqueue(Reply.json("""
				{"id":"msg_odd","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
				 "content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","stop_sequence":null,
				 "usage":{"input_tokens":400,"output_tokens":60,"cache_read_input_tokens":1e400,
				   "cache_creation_input_tokens":"lots"}}
				"""));
		AnthropicClient client = ClientProxies.observe(
				AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("k").maxRetries(0).build(),
				ObserveOptions.defaults(), this.sink.route());

		client.messages()
			.create(MessageCreateParams.builder()
				.model(Model.of("claude-haiku-4-5"))
				.maxTokens(64)
				.addUserMessage("hello")
				.build());

		CallEvent event = this.sink.single();
		assertThat(event.responseModel()).isEqualTo("claude-haiku-4-5-20251001");
		assertThat(event.requestId()).isEqualTo("msg_odd");
		assertThat(event.outputTokens()).isEqualTo(60);
		assertThat(event.inputTokens()).isGreaterThanOrEqualTo(400);
		assertThat(event.cacheWriteTokens()).isZero();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

}
