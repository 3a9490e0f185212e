package io.tokensense.internal.capture;

import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.ObserveOptions;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.ResponsesPayloads;
import io.tokensense.testsupport.StreamPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real openai-java client creating embeddings and legacy completions (plain and streamed)
 * against a loopback server.
 */
class OpenAiEmbeddingsAndCompletionsCaptureTest {

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void recordsEmbeddingsWithInputTokensOnly() {
		this.server.enqueue(Reply.json(ResponsesPayloads.embeddings("text-embedding-3-small", 5000)));
		CreateEmbeddingResponse response = observed().embeddings()
			.create(EmbeddingCreateParams.builder()
				.model(EmbeddingModel.TEXT_EMBEDDING_3_SMALL)
				.input("The food was delicious and the waiter...")
				.build());

		assertThat(response.data()).hasSize(1);
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("embeddings");
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(event.requestModel()).isEqualTo("text-embedding-3-small");
		assertThat(event.responseModel()).isEqualTo("text-embedding-3-small");
		assertThat(event.inputTokens()).isEqualTo(5000);
		assertThat(event.outputTokens()).isZero();
		assertThat(event.totalTokens()).isEqualTo(5000);
		// text-embedding-3-small: 5000 × $0.02 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.0001");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	/** gpt-3.5-turbo-instruct, the model of legacy completions, is in the bundled catalog. */
	@Test
	void pricesALegacyCompletionOfGpt35TurboInstruct() {
		this.server.enqueue(Reply.json(ResponsesPayloads.completion("cmpl-1", "gpt-3.5-turbo-instruct", 5, 7)));
		Completion completion = observed().completions()
			.create(CompletionCreateParams.builder()
				.model(CompletionCreateParams.Model.GPT_3_5_TURBO_INSTRUCT)
				.prompt("Say this is a test")
				.build());

		assertThat(completion.id()).isEqualTo("cmpl-1");
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("completions");
		assertThat(event.requestModel()).isEqualTo("gpt-3.5-turbo-instruct");
		assertThat(event.requestId()).isEqualTo("cmpl-1");
		assertThat(event.inputTokens()).isEqualTo(5);
		assertThat(event.outputTokens()).isEqualTo(7);
		// LiteLLM snapshot: 1.5e-06 per input token, 2e-06 per output token
		assertThat(event.costUsd()).isEqualByComparingTo("0.0000215");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	@Test
	void pricesALegacyCompletionOfACatalogModel() {
		this.server.enqueue(Reply.json(ResponsesPayloads.completion("cmpl-2", "gpt-4o-mini", 1000, 100)));
		observed().completions()
			.create(CompletionCreateParams.builder()
				.model(CompletionCreateParams.Model.of("gpt-4o-mini"))
				.prompt("Say this is a test")
				.build());

		CallEvent event = this.sink.single();
		// gpt-4o-mini: 1000 × $0.15 / M + 100 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00021");
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
	}

	@Test
	void recordsAStreamedLegacyCompletionWithTheUsageOfItsLastChunk() {
		String head = "{\"id\":\"cmpl-3\",\"object\":\"text_completion\",\"created\":1764201600,\"model\":\"gpt-4o-mini\",";
		this.server.enqueue(StreamPayloads.sse(StreamPayloads.openAiSse(List.of(
				head + "\"choices\":[{\"text\":\"This\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
				head + "\"choices\":[{\"text\":\" is\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":null}",
				head + "\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100}}"))));
		List<Completion> chunks;
		try (StreamResponse<Completion> stream = observed().completions()
			.createStreaming(CompletionCreateParams.builder()
				.model(CompletionCreateParams.Model.of("gpt-4o-mini"))
				.prompt("Say this is a test")
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build())) {
			chunks = stream.stream().toList();
		}

		assertThat(chunks).hasSize(3);
		CallEvent event = this.sink.single();
		assertThat(event.operation()).isEqualTo("completions");
		assertThat(event.streamed()).isTrue();
		assertThat(event.requestId()).isEqualTo("cmpl-3");
		// gpt-4o-mini: 1000 × $0.15 / M + 100 × $0.60 / M
		assertThat(event.costUsd()).isEqualByComparingTo("0.00021");
	}

	private OpenAIClient observed() {
		return ClientProxies.observe(OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test-key")
			.maxRetries(0).build(), ObserveOptions.defaults(), this.sink.route());
	}

}
