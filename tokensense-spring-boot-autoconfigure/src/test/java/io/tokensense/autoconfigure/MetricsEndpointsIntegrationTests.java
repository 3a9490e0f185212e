package io.tokensense.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A whole application on a random port, with actuator and the Prometheus registry: a real
 * OpenAI client calls a loopback provider, and the meters show up in {@code /actuator/metrics}
 * and in the Prometheus scrape.
 */
@SpringBootTest(classes = MetricsEndpointsIntegrationTests.Application.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=metrics,prometheus",
				"tokensense.queue.flush-interval=50ms" })
class MetricsEndpointsIntegrationTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-p", "gpt-4o-mini-2024-07-18", 1200, 1000, 300, 0)));

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private OpenAIClient client;

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void showsTheMetersInTheMetricsEndpointAndThePrometheusScrape() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		}
		String calls = "tokensense_calls_seconds_count{error_type=\"none\",gen_ai_operation_name=\"chat\","
				+ "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o-mini\","
				+ "gen_ai_response_model=\"gpt-4o-mini-2024-07-18\",status=\"success\"} 3";
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus")).contains(calls));

		String scrape = get("/actuator/prometheus");
		assertThat(sample(scrape, "tokensense_tokens_sum", "gen_ai_token_type=\"input\"")).isEqualTo(3 * 1200);
		assertThat(sample(scrape, "tokensense_tokens_sum", "gen_ai_token_type=\"output\"")).isEqualTo(3 * 300);
		assertThat(sample(scrape, "tokensense_tokens_detail_tokens_sum", "gen_ai_token_type=\"cache_read\""))
			.isEqualTo(3 * 1000);
		// the tests of capture price this call at $0.000285
		assertThat(sample(scrape, "tokensense_cost_usd_total", "gen_ai_provider_name=\"openai\""))
			.isCloseTo(3 * 0.000285, within(1e-9));
		assertThat(sample(scrape, "tokensense_events_dropped_events_total", "reason=\"queue_full\"")).isZero();
		assertThat(sample(scrape, "tokensense_queue_capacity_events", "")).isEqualTo(10000);
		assertThat(scrape).contains("# HELP tokensense_calls_seconds LLM calls and their latency, by outcome");

		assertThat(get("/actuator/metrics")).contains("\"tokensense.calls\"", "\"tokensense.tokens\"",
				"\"tokensense.cost\"", "\"tokensense.events.dropped\"", "\"tokensense.queue.size\"");
		assertThat(get("/actuator/metrics/tokensense.tokens?tag=gen_ai.token.type:input"))
			.contains("\"baseUnit\":\"tokens\"", "{\"statistic\":\"TOTAL\",\"value\":3600.0}");
	}

	/** The value of the one sample of a scrape whose line starts with the name and contains the label. */
	private static double sample(String scrape, String name, String label) {
		String line = scrape.lines()
			.filter((candidate) -> candidate.startsWith(name + "{") || candidate.startsWith(name + " "))
			.filter((candidate) -> candidate.contains(label))
			.reduce((first, second) -> {
				throw new AssertionError("more than one sample of " + name + " with " + label);
			})
			.orElseThrow(() -> new AssertionError("no sample of " + name + " with " + label + " in\n" + scrape));
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

}
