package io.tokensense.internal.capture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service tier a provider reports is recorded on the event and selects the catalog's
 * prices for that tier: real SDK clients against a loopback server.
 */
class ServiceTierCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void pricesAnOpenAiChatServedAtPriorityWithPriorityPrices() {
		String body = ProviderPayloads.openAiChat("chatcmpl-p", "gpt-4.1", 1_000, 400, 500, 0)
			.replace("\"service_tier\":\"default\"", "\"service_tier\":\"priority\"");
		this.server.enqueue(Reply.json(body));
		openAi().chat().completions().create(Requests.openAiChat("gpt-4.1"));

		CallEvent event = this.sink.single();
		assertThat(event.serviceTier()).isEqualTo("priority");
		// snapshot gpt-4.1 priority: 600 × 3.5e-06 + 400 cached × 8.75e-07 + 500 × 1.4e-05
		assertThat(event.costUsd()).isEqualByComparingTo("0.00945");
	}

	@Test
	void pricesAnOpenAiChatAtTheDefaultTierWithBasePrices() {
		this.server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-d", "gpt-4.1", 1_000, 400, 500, 0)));
		openAi().chat().completions().create(Requests.openAiChat("gpt-4.1"));

		CallEvent event = this.sink.single();
		assertThat(event.serviceTier()).isEqualTo("default");
		// snapshot gpt-4.1: 600 × 2e-06 + 400 cached × 5e-07 + 500 × 8e-06
		assertThat(event.costUsd()).isEqualByComparingTo("0.0054");
	}

	@Test
	void recordsAnthropicsUsageServiceTier() {
		String body = ProviderPayloads.anthropicMessage("msg_t", "claude-sonnet-4-5-20250929", 100, 20, 0, 0, 0)
			.replace("\"service_tier\":\"standard\"", "\"service_tier\":\"priority\"");
		this.server.enqueue(Reply.json(body));
		anthropic().messages().create(Requests.anthropicMessage("claude-sonnet-4-5-20250929"));

		CallEvent event = this.sink.single();
		assertThat(event.serviceTier()).isEqualTo("priority");
		// the catalog has no priority prices for Claude: base prices, 100 × 3e-06 + 20 × 1.5e-05
		assertThat(event.costUsd()).isEqualByComparingTo("0.0006");
	}

	private OpenAIClient openAi() {
		return ClientProxies.observe(OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key")
			.maxRetries(0).build(), ObserveOptions.defaults(), this.sink.route());
	}

	private AnthropicClient anthropic() {
		return ClientProxies.observe(AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test")
			.maxRetries(0).build(), ObserveOptions.defaults(), this.sink.route());
	}

}
