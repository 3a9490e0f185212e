package io.tokensense.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint over HTTP, on a real server with Boot's real auto-configuration, backed by
 * memory (no DataSource here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=tokensense",
				"tokensense.queue.flush-interval=20ms",
				// H2 is on the test class path: without this, Boot would make a DataSource and the jdbc output
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class TokenSenseEndpointHttpTests {

	private static final LoopbackServer server = new LoopbackServer();

	private static final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private OpenAIClient client;

	@Autowired
	private EventCollector collector;

	@BeforeAll
	static void replies() {
		// gpt-4o: 1000 in, 100 out = $0.0035; gpt-4o-mini: 1000 in, 100 out = $0.00021
		server.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-e1", "gpt-4o", 1000, 0, 100, 0)))
			.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-e2", "gpt-4o", 1000, 0, 100, 0)))
			.enqueue(Reply.json(ProviderPayloads.openAiChat("chatcmpl-e3", "gpt-4o-mini", 1000, 0, 100, 0)))
			.enqueue(Reply.json(429, ProviderPayloads.openAiError("rate_limit_exceeded", "slow down")));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void answersTotalsAndBreakdownsThatEqualTheRecordedEvents() throws Exception {
		call("alice", "gpt-4o");
		call("alice", "gpt-4o");
		call("bob", "gpt-4o-mini");
		call("bob", "gpt-4o-mini");
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.collector.events).hasSize(4);
			assertThat(get("/actuator/tokensense").path("totals").path("calls").asLong()).isEqualTo(4);
		});

		JsonNode summary = get("/actuator/tokensense");
		assertThat(summary.path("window").path("source").asText()).isEqualTo("memory");
		JsonNode totals = summary.path("totals");
		assertThat(totals.path("errors").asLong()).isEqualTo(1);
		assertThat(totals.path("inputTokens").asLong()).isEqualTo(sumInput(this.collector.events));
		assertThat(totals.path("costUsd").decimalValue()).isEqualByComparingTo("0.00721");
		assertThat(totals.path("unpricedCalls").asLong()).isZero();
		assertThat(summary.path("byModel").get(0).path("key").asText()).isEqualTo("gpt-4o");
		assertThat(summary.path("byModel").get(0).path("costUsd").decimalValue()).isEqualByComparingTo("0.007");
		assertThat(summary.path("byModel").get(1).path("key").asText()).isEqualTo("gpt-4o-mini");
		assertThat(summary.path("byProvider").get(0).path("key").asText()).isEqualTo("openai");
		assertThat(summary.path("byUser").get(0).path("key").asText()).isEqualTo("alice");

		JsonNode bob = get("/actuator/tokensense?userId=bob");
		assertThat(bob.path("totals").path("calls").asLong()).isEqualTo(2);
		assertThat(bob.path("totals").path("costUsd").decimalValue()).isEqualByComparingTo("0.00021");

		JsonNode users = get("/actuator/tokensense/user?since=PT1H");
		assertThat(users.path("dimension").asText()).isEqualTo("user");
		assertThat(users.path("rows")).hasSize(2);
		assertThat(users.path("window").path("since").isTextual()).isTrue();

		JsonNode series = get("/actuator/tokensense/timeseries?interval=PT1H");
		assertThat(series.path("buckets")).isNotEmpty();
		long seriesCalls = 0;
		for (JsonNode bucket : series.path("buckets")) {
			for (JsonNode row : bucket.path("byModel")) {
				seriesCalls += row.path("calls").asLong();
			}
		}
		assertThat(seriesCalls).isEqualTo(4);

		List<String> newestFirst = this.collector.events.stream()
			.sorted(Comparator.comparing(CallEvent::timestamp).reversed())
			.map((event) -> event.id().toString())
			.toList();
		JsonNode latest = get("/actuator/tokensense/calls?limit=3");
		assertThat(latest.path("limit").asInt()).isEqualTo(3);
		assertThat(latest.path("window").path("source").asText()).isEqualTo("memory");
		assertThat(latest.path("calls").findValuesAsText("id")).isEqualTo(newestFirst.subList(0, 3));
		assertThat(get("/actuator/tokensense/calls").path("calls")).hasSize(4);
		HttpResponse<String> bobsCalls = send("/actuator/tokensense/calls?userId=bob");
		JsonNode bobs = json.readTree(bobsCalls.body()).path("calls");
		assertThat(bobs).hasSize(2);
		// newest first: the queued 429, then the priced call, its cost in plain notation; no content captured
		assertThat(bobs.get(0).path("status").asText()).isEqualTo("ERROR");
		assertThat(bobs.get(0).path("errorType").asText()).isEqualTo("429");
		assertThat(bobs.get(0).has("costUsd")).isFalse();
		assertThat(bobs.get(1).path("requestModel").asText()).isEqualTo("gpt-4o-mini");
		assertThat(bobs.get(1).path("requestId").asText()).isEqualTo("chatcmpl-e3");
		assertThat(bobs.get(1).path("inputTokens").asLong()).isEqualTo(1000);
		assertThat(bobs.get(1).path("userId").asText()).isEqualTo("bob");
		assertThat(bobsCalls.body()).contains("\"costUsd\":0.00021").doesNotContain("E-").doesNotContain("\"prompt\"");
		assertThat(status("/actuator/tokensense/calls?limit=0")).isEqualTo(400);
		assertThat(status("/actuator/tokensense/calls?limit=1001")).isEqualTo(400);

		assertThat(status("/actuator/tokensense?since=yesterday")).isEqualTo(400);
		assertThat(status("/actuator/tokensense/planet")).isEqualTo(400);
		assertThat(status("/actuator/tokensense/timeseries?interval=PT1S&since=P3650D")).isEqualTo(400);
	}

	private void call(String user, String model) {
		try (var scope = TokenSenseContext.userId(user).open()) {
			this.client.chat().completions().create(Requests.openAiChat(model));
		}
		catch (RuntimeException ex) {
			// the queued 429: an error call, recorded like the others
		}
	}

	private static long sumInput(List<CallEvent> events) {
		return events.stream().mapToLong((event) -> (event.inputTokens() != null) ? event.inputTokens() : 0).sum();
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private int status(String path) throws IOException, InterruptedException {
		return send(path).statusCode();
	}

	private HttpResponse<String> send(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("k").maxRetries(0).build();
		}

		@Bean
		EventCollector eventCollector() {
			return new EventCollector();
		}

	}

	static class EventCollector {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CallEvent event) {
			this.events.add(event);
		}

	}

}
