package io.tokensense;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.jdbc.SqliteDataSource;
import io.tokensense.internal.recording.ObserveRoutes;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TokenSense#observe} outside any Spring application. The plain-Java default is JVM-wide
 * and writes {@code ./tokensense.db} in the working directory, so this class runs in a JVM of
 * its own whose working directory is under {@code target/} (surefire execution
 * {@code plain-java}): no Spring context of another test is bound, and no file lands in the
 * module.
 */
class TokenSensePlainJavaTest {

	private final LoopbackServer server = new LoopbackServer();

	@BeforeAll
	static void runsWithoutAnyApplication() {
		Assumptions.assumeFalse(ObserveRoutes.applicationBound(),
				"a Spring application of another test is bound in this JVM: run in surefire execution plain-java");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void writesToTheOutputOfTheOptionsThenCallsOnEvent() {
		this.server.always(Reply.json(ProviderPayloads.anthropicMessage("msg_p1", "claude-haiku-4-5", 10, 5, 0, 0, 0)));
		List<CallEvent> written = new CopyOnWriteArrayList<>();
		List<CallEvent> notified = new CopyOnWriteArrayList<>();
		CallEventOutput output = written::addAll;
		AnthropicClient client = TokenSense.observe(anthropic(),
				ObserveOptions.builder()
					.output(output)
					.userId("user_123")
					.sessionId("chat_456")
					.tags("production", "chat-feature")
					.onEvent((event) -> {
						assertThat(written).contains(event);
						notified.add(event);
					})
					.build());

		client.messages().create(Requests.anthropicMessage("claude-haiku-4-5"));
		try (var scope = TokenSenseContext.userId("alice").tags("beta", "production").open()) {
			client.messages().create(Requests.anthropicMessage("claude-haiku-4-5"));
		}

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> notified.size() == 2);
		assertThat(written).hasSize(2);
		CallEvent plain = written.get(0);
		assertThat(plain.userId()).isEqualTo("user_123");
		assertThat(plain.sessionId()).isEqualTo("chat_456");
		assertThat(plain.tags()).containsExactly("production", "chat-feature");
		CallEvent scoped = written.get(1);
		assertThat(scoped.userId()).isEqualTo("alice");
		assertThat(scoped.sessionId()).isEqualTo("chat_456");
		assertThat(scoped.tags()).containsExactly("beta", "production", "chat-feature");
	}

	@Test
	void usesTheDefaultOutputWhenNoneIsGiven() throws Exception {
		this.server.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-p2", "gpt-4o", 10, 0, 5, 0)));
		List<CallEvent> notified = new CopyOnWriteArrayList<>();
		OpenAIClient client = TokenSense.observe(
				OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-x").maxRetries(0).build(),
				ObserveOptions.builder().onEvent(notified::add).build());

		client.chat().completions().create(Requests.openAiChat("gpt-4o"));

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> notified.size() == 1);
		assertThat(notified.get(0).costUsd()).isEqualByComparingTo("0.000075");
		// outside production the default also keeps a row per call in ./tokensense.db
		try (Connection connection = new SqliteDataSource("./tokensense.db").getConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT request_model, cost_usd FROM tokensense_calls WHERE id = ?")) {
			query.setString(1, notified.get(0).id().toString());
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString("request_model")).isEqualTo("gpt-4o");
				assertThat(row.getBigDecimal("cost_usd")).isEqualByComparingTo("0.000075");
			}
		}
	}

	@Test
	void returnsAnObservedClientUnchangedWhenObservedTwice() {
		AnthropicClient once = TokenSense.observe(anthropic());
		assertThat(TokenSense.observe(once)).isSameAs(once);
		assertThat(ClientProxies.isObserved(once)).isTrue();
	}

	@Test
	void refusesAnUnsupportedObjectNamingTheSupportedTypes() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenSense.observe(new Object()))
			.withMessageContaining("com.openai.client.OpenAIClient")
			.withMessageContaining("com.anthropic.client.AnthropicClientAsync");
	}

	private AnthropicClient anthropic() {
		return AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("sk-ant-x").maxRetries(0).build();
	}

}
