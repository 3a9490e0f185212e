package io.tokensense.internal.capture;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.ResponsesPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One count the SDK cannot hold in a {@code long} ({@code 1e400}) costs only that count: the
 * real openai-java client parses the body, and model, request id and the other counts are
 * still read.
 */
class OpenAiOddCountCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void keepsModelIdAndTokensOfAChatCompletionWithAnOddCachedCount() {
		this.server.enqueue(Reply.json("""
				{"id":"chatcmpl-odd","object":"chat.completion","created":1764201600,"model":"gpt-4o-mini-2024-07-18",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200,
				   "prompt_tokens_details":{"cached_tokens":1e400},
				   "completion_tokens_details":{"reasoning_tokens":"many"}}}
				"""));
		observed().chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(ChatModel.of("gpt-4o-mini"))
				.addUserMessage("hello")
				.build());

		CallEvent event = this.sink.single();
		assertThat(event.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(event.requestId()).isEqualTo("chatcmpl-odd");
		assertThat(event.inputTokens()).isEqualTo(1000);
		assertThat(event.outputTokens()).isEqualTo(200);
		assertThat(event.reasoningTokens()).isZero();
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	@Test
	void keepsModelIdAndTokensOfAResponseWithAnOddCachedCount() {
		this.server.enqueue(Reply.json(ResponsesPayloads.response("resp_odd", "gpt-5-mini-2025-08-07", "completed", """
				{"input_tokens":2000,"input_tokens_details":{"cached_tokens":1e400},"output_tokens":800,\
				"output_tokens_details":{"reasoning_tokens":500},"total_tokens":2800}""")));
		observed().responses()
			.create(ResponseCreateParams.builder().model(ChatModel.of("gpt-5-mini")).input("hello").build());

		CallEvent event = this.sink.single();
		assertThat(event.responseModel()).isEqualTo("gpt-5-mini-2025-08-07");
		assertThat(event.requestId()).isEqualTo("resp_odd");
		assertThat(event.inputTokens()).isEqualTo(2000);
		assertThat(event.outputTokens()).isEqualTo(800);
		assertThat(event.reasoningTokens()).isEqualTo(500);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	private OpenAIClient observed() {
		return ClientProxies.observe(
				OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("k").maxRetries(0).build(),
				ObserveOptions.defaults(), this.sink.route());
	}

}
