package io.tokensense.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample on a random port against the built-in fake provider (API keys in the
 * environment are ignored) and calls it over HTTP, as a user would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.use-real-providers=false", "tokensense.queue.flush-interval=50ms",
				"tokensense.jdbc.url=jdbc:sqlite:target/tokensense-sample-test.db" })
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private CallEventRecorder recorder;

	@ParameterizedTest
	@CsvSource({ "openai, gpt-4o-mini, alice", "anthropic, claude-haiku-4-5, bob", "groq, llama-3.3-70b-versatile, carol" })
	void chatRecordsAPricedEventForTheUser(String provider, String model, String user) throws Exception {
		HttpResponse<String> response = post("/demo/chat?provider=" + provider + "&user=" + user,
				"{\"message\": \"How much does this call cost?\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode reply = this.json.readTree(response.body());
		assertThat(reply.path("provider").asText()).isEqualTo(provider);
		assertThat(reply.path("model").asText()).isEqualTo(model);
		assertThat(reply.path("text").asText()).contains("How much does this call cost?");
		assertThat(reply.path("pricingStatus").asText()).as(response.body()).isEqualTo("PRICED");
		assertThat(reply.path("costUsd").decimalValue()).isPositive();
		assertThat(reply.path("inputTokens").asLong()).isPositive();
		assertThat(reply.path("outputTokens").asLong()).isPositive();
		assertThat(reply.path("userId").asText()).isEqualTo(user);
		CallEvent event = this.recorder.findByRequestId(reply.path("requestId").asText()).orElseThrow();
		assertThat(event.provider()).isEqualTo(provider);
		assertThat(event.userId()).isEqualTo(user);
		assertThat(event.tags()).contains("sample-app");
		assertThat(event.costUsd()).isEqualByComparingTo(new BigDecimal(reply.path("costUsd").asText()));
	}

	@Test
	void chatAcceptsPlainTextAndNoBody() throws Exception {
		HttpResponse<String> plain = post("/demo/chat?provider=openai&user=dave", "Plain text works too");
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(plain.body()).path("text").asText()).contains("Plain text works too");
		HttpResponse<String> empty = post("/demo/chat?provider=openai&user=dave", "");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(empty.body()).path("text").asText()).contains(DemoController.DEFAULT_MESSAGE);
	}

	@Test
	void theTokenSenseEndpointAnswersFromTheSqliteTable() throws Exception {
		HttpResponse<String> call = post("/demo/chat?provider=anthropic&user=frank", "Count me");
		assertThat(call.statusCode()).isEqualTo(200);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
			JsonNode users = this.json.readTree(get("/actuator/tokensense/user?userId=frank").body());
			assertThat(users.path("window").path("source").asText()).isEqualTo("jdbc");
			assertThat(users.path("rows").get(0).path("calls").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(users.path("rows").get(0).path("costUsd").decimalValue()).isPositive();
		});
		JsonNode health = this.json.readTree(get("/actuator/health").body());
		assertThat(health.path("components").path("tokensense").path("details").path("outputs").has("jdbc")).isTrue();
	}

	@Test
	void unknownProviderIsABadRequest() throws Exception {
		HttpResponse<String> response = post("/demo/chat?provider=mistral&user=erin", "hello");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown provider 'mistral'").contains("openai, anthropic, groq");
	}

	@Test
	void eventsListsRecordedCalls() throws Exception {
		HttpResponse<String> chat = post("/demo/chat?provider=groq&user=frank", "count me");
		String requestId = this.json.readTree(chat.body()).path("requestId").asText();
		HttpResponse<String> events = this.http.send(HttpRequest.newBuilder(uri("/demo/events")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(events.statusCode()).isEqualTo(200);
		assertThat(events.body()).contains(requestId).contains("frank");
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", body.startsWith("{") ? "application/json" : "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
