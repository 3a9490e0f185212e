package io.tokensense.it.springai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tokensense.it.springai.SnapshotPrices.TEXT_EMBEDDING_3_SMALL_INPUT;
import static io.tokensense.it.springai.SnapshotPrices.times;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's real, auto-configured {@link OpenAiEmbeddingModel} against a loopback server
 * speaking OpenAI's embeddings JSON: one CallEvent with operation {@code embeddings}, priced.
 */
@SpringBootTest(classes = FrameworkTestApplication.class)
class SpringAiOpenAiEmbeddingTests {

	private static final LoopbackServer server = new LoopbackServer();

	@Autowired
	private OpenAiEmbeddingModel embeddingModel;

	@Autowired
	private FrameworkTestApplication.CapturingOutput output;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		FrameworkProperties.register(registry, server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void clear() {
		this.output.clear();
	}

	@Test
	void recordsAnEmbeddingCallWithItsTokensAndCost() {
		server.enqueue(Reply.json("""
				{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,0.125]}],
				 "model":"text-embedding-3-small","usage":{"prompt_tokens":42,"total_tokens":42}}"""));

		float[] vector = this.embeddingModel.embed("What is a token?");

		assertThat(vector).containsExactly(0.25f, -0.5f, 0.125f);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.output.events().isEmpty());
		Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> this.output.events().size() == 1);
		CallEvent event = this.output.events().get(0);
		assertThat(event.provider()).isEqualTo("openai");
		assertThat(event.operation()).isEqualTo("embeddings");
		// priced by the model that served the call (Spring AI asks for its default, text-embedding-ada-002)
		assertThat(event.responseModel()).isEqualTo("text-embedding-3-small");
		assertThat(event.status()).isEqualTo(CallStatus.SUCCESS);
		assertThat(List.of(event.inputTokens(), event.outputTokens(), event.totalTokens())).containsExactly(42L, 0L,
				42L);
		BigDecimal expected = times(42, TEXT_EMBEDDING_3_SMALL_INPUT);
		assertThat(event.pricingStatus()).isEqualTo(PricingStatus.PRICED);
		assertThat(event.costUsd()).isEqualByComparingTo(expected);
	}

}
