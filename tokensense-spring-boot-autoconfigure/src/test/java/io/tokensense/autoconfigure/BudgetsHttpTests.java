package io.tokensense.autoconfigure;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import io.tokensense.budget.BudgetAlert;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetMetrics;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A per-user blocking budget in a real application: real OpenAI client bean against a loopback
 * provider, Boot's real auto-configuration, the endpoint over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=tokensense,health",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"tokensense.budgets.per-user.limit=0.005", "tokensense.budgets.per-user.window=day",
				"tokensense.budgets.per-user.scope=user", "tokensense.budgets.per-user.action=block",
				"tokensense.budgets.all.limit=1", "tokensense.budgets.all.window=PT1H" })
class BudgetsHttpTests {

	/** gpt-4o, 1000 input and 100 output tokens: 1000 × 2.5e-6 + 100 × 1e-5 = 0.0035 USD (snapshot prices). */
	private static final BigDecimal CALL_COST = new BigDecimal("0.0035");

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-b", "gpt-4o", 1000, 0, 100, 0)));

	private static final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private OpenAIClient client;

	@Autowired
	private Collector collector;

	@Autowired
	private MeterRegistry registry;

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void blocksAUserWhoseSpendReachedTheLimitWithoutSendingAnythingAndReportsTheSpend() throws Exception {
		call("alice");
		call("alice");
		// 0.007 now: the crossing call was allowed; the next one is refused before it leaves
		int requestsBefore = server.requests().size();
		int eventsBefore = this.collector.events.size();
		assertThatThrownBy(() -> call("alice")).isInstanceOfSatisfying(BudgetExceededException.class, (refused) -> {
			assertThat(refused.budget()).isEqualTo("per-user");
			assertThat(refused.key()).isEqualTo("alice");
			assertThat(refused.limit()).isEqualByComparingTo("0.005");
			assertThat(refused.spent()).isEqualByComparingTo(CALL_COST.add(CALL_COST));
		});
		assertThat(server.requests()).hasSize(requestsBefore);
		assertThat(this.collector.events).hasSize(eventsBefore);
		assertThat(this.registry.get(BudgetMetrics.BLOCKED).tag("budget", "per-user").counter().count()).isEqualTo(1);

		call("bob");
		assertThat(server.requests()).hasSize(requestsBefore + 1);

		assertThat(this.collector.alerts).extracting(BudgetAlert::budget, BudgetAlert::key, BudgetAlert::level)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("per-user", "alice", "warn"),
					org.assertj.core.groups.Tuple.tuple("per-user", "alice", "exceeded"));

		JsonNode budgets = get("/actuator/tokensense/budgets").path("budgets");
		assertThat(budgets).hasSize(3);
		JsonNode all = row(budgets, "all", 0);
		assertThat(all.path("key").isNull()).isTrue();
		assertThat(all.path("spent").decimalValue()).isEqualByComparingTo(sum(this.collector.events, null));
		assertThat(all.path("state").asText()).isEqualTo("ok");
		JsonNode alice = row(budgets, "per-user", 0);
		assertThat(alice.path("key").asText()).isEqualTo("alice");
		assertThat(alice.path("spent").decimalValue()).isEqualByComparingTo(sum(this.collector.events, "alice"));
		assertThat(alice.path("remaining").decimalValue()).isEqualByComparingTo("0");
		assertThat(alice.path("state").asText()).isEqualTo("exceeded");
		assertThat(alice.path("windowStart").asText()).endsWith("T00:00:00Z");
		JsonNode bob = row(budgets, "per-user", 1);
		assertThat(bob.path("key").asText()).isEqualTo("bob");
		assertThat(bob.path("spent").decimalValue()).isEqualByComparingTo(sum(this.collector.events, "bob"));
		assertThat(bob.path("remaining").decimalValue()).isEqualByComparingTo("0.0015");
		assertThat(get("/actuator/tokensense/budgets?limit=1").path("budgets")).hasSize(2);
		assertThat(status("/actuator/tokensense/budgets?limit=0")).isEqualTo(400);

		JsonNode health = get("/actuator/health");
		assertThat(health.path("status").asText()).isEqualTo("UP");
	}

	/** The n-th row of a budget, in the order the endpoint lists them. */
	private static JsonNode row(JsonNode budgets, String name, int n) {
		List<JsonNode> rows = new java.util.ArrayList<>();
		budgets.forEach((row) -> {
			if (row.path("name").asText().equals(name)) {
				rows.add(row);
			}
		});
		return rows.get(n);
	}

	private void call(String user) {
		try (var scope = TokenSenseContext.userId(user).open()) {
			this.client.chat().completions().create(Requests.openAiChat("gpt-4o"));
		}
	}

	private static BigDecimal sum(List<CallEvent> events, String user) {
		return events.stream()
			.filter((event) -> user == null || user.equals(event.userId()))
			.map(CallEvent::costUsd)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
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
		Collector collector() {
			return new Collector();
		}

	}

	static class Collector {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CallEvent event) {
			this.events.add(event);
		}

		@EventListener
		void on(BudgetAlert alert) {
			this.alerts.add(alert);
		}

	}

}
