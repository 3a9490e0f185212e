package io.tokensense.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample on a random port against the built-in fake provider (API keys in the
 * environment are ignored) and calls it over HTTP, as a user would. The SQLite file is new
 * for each run and every test has users of its own, so counts are exact and no test sees
 * another's calls; costs are computed here from the fake provider's token rule and the
 * snapshot's prices, not taken from TokenSense.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.use-real-providers=false", "tokensense.queue.flush-interval=50ms" })
class SampleApplicationTests {

	private static final Path DATABASE = freshDatabase();

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("tokensense.jdbc.url", () -> "jdbc:sqlite:" + DATABASE);
	}

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private CallEventRecorder recorder;

	@ParameterizedTest
	@CsvSource({ "openai, gpt-4o-mini", "anthropic, claude-haiku-4-5", "groq, llama-3.3-70b-versatile" })
	void chatRecordsAPricedEventForTheUser(String provider, String model) throws Exception {
		String user = newUser(provider);
		String message = "How much does this call cost?";
		HttpResponse<String> response = post("/demo/chat?provider=" + provider + "&user=" + user,
				"{\"message\": \"" + message + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode reply = this.json.readTree(response.body());
		assertThat(reply.path("provider").asText()).isEqualTo(provider);
		assertThat(reply.path("model").asText()).isEqualTo(model);
		String text = reply.path("text").asText();
		assertThat(text).contains(message);
		long input = fakeTokens(message);
		long output = fakeTokens(text);
		BigDecimal cost = SnapshotPrices.of(model).cost(input, output);
		assertThat(reply.path("pricingStatus").asText()).as(response.body()).isEqualTo("PRICED");
		assertThat(reply.path("inputTokens").asLong()).isEqualTo(input);
		assertThat(reply.path("outputTokens").asLong()).isEqualTo(output);
		assertThat(reply.path("costUsd").decimalValue()).isEqualByComparingTo(cost);
		assertThat(reply.path("userId").asText()).isEqualTo(user);
		CallEvent event = this.recorder.findByRequestId(reply.path("requestId").asText()).orElseThrow();
		assertThat(event.provider()).isEqualTo(provider);
		assertThat(event.userId()).isEqualTo(user);
		assertThat(event.tags()).containsExactly("sample-app");
		assertThat(event.inputTokens()).isEqualTo(input);
		assertThat(event.outputTokens()).isEqualTo(output);
		assertThat(event.costUsd()).isEqualByComparingTo(cost);
	}

	@Test
	void chatAcceptsPlainTextAndNoBody() throws Exception {
		String user = newUser("plain");
		HttpResponse<String> plain = post("/demo/chat?provider=openai&user=" + user, "Plain text works too");
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(plain.body()).path("text").asText()).contains("Plain text works too");
		HttpResponse<String> empty = post("/demo/chat?provider=openai&user=" + user, "");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(empty.body()).path("text").asText()).contains(DemoController.DEFAULT_MESSAGE);
	}

	@Test
	void theTokenSenseEndpointAnswersFromTheSqliteTable() throws Exception {
		String user = newUser("endpoint");
		HttpResponse<String> call = post("/demo/chat?provider=anthropic&user=" + user, "Count me");
		assertThat(call.statusCode()).isEqualTo(200);
		String text = this.json.readTree(call.body()).path("text").asText();
		long input = fakeTokens("Count me");
		long output = fakeTokens(text);
		BigDecimal cost = SnapshotPrices.of("claude-haiku-4-5").cost(input, output);
		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			JsonNode users = this.json.readTree(get("/actuator/tokensense/user?userId=" + user).body());
			assertThat(users.path("window").path("source").asText()).isEqualTo("jdbc");
			assertThat(users.path("rows")).hasSize(1);
			JsonNode row = users.path("rows").get(0);
			assertThat(row.path("key").asText()).isEqualTo(user);
			assertThat(row.path("calls").asLong()).isEqualTo(1);
			assertThat(row.path("errors").asLong()).isZero();
			assertThat(row.path("inputTokens").asLong()).isEqualTo(input);
			assertThat(row.path("outputTokens").asLong()).isEqualTo(output);
			assertThat(row.path("costUsd").decimalValue()).isEqualByComparingTo(cost);
		});
		JsonNode health = this.json.readTree(get("/actuator/health").body());
		assertThat(health.path("components").path("tokensense").path("details").path("outputs").has("jdbc")).isTrue();
	}

	@Test
	void unknownProviderIsABadRequest() throws Exception {
		HttpResponse<String> response = post("/demo/chat?provider=mistral&user=" + newUser("bad"), "hello");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown provider 'mistral'").contains("openai, anthropic, groq");
	}

	@Test
	void eventsListsRecordedCalls() throws Exception {
		String user = newUser("events");
		HttpResponse<String> chat = post("/demo/chat?provider=groq&user=" + user, "count me");
		String requestId = this.json.readTree(chat.body()).path("requestId").asText();
		HttpResponse<String> events = this.http.send(HttpRequest.newBuilder(uri("/demo/events")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(events.statusCode()).isEqualTo(200);
		assertThat(events.body()).contains(requestId).contains(user);
	}

	/** A user name no other test (and no earlier run, the file being new) has used. */
	private static String newUser(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The fake provider's token rule (see {@code FakeReplies}): one token per four characters, at least one. */
	private static long fakeTokens(String text) {
		return Math.max(1, text.length() / 4);
	}

	private static Path freshDatabase() {
		try {
			Path directory = Files.createTempDirectory("tokensense-sample-test");
			directory.toFile().deleteOnExit();
			Path file = directory.resolve("tokensense.db");
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
