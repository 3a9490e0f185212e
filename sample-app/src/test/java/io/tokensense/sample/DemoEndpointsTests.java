package io.tokensense.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises of the sample: {@code curl -d} asks the text it sent, calls carry
 * the user, session and tag of the request, and Prometheus and the dashboard answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.use-real-providers=false", "tokensense.queue.flush-interval=50ms",
				"tokensense.jdbc.url=jdbc:sqlite:target/tokensense-demo-endpoints-test.db" })
class DemoEndpointsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private CallEventRecorder recorder;

	@Test
	void aFormBodyAsCurlSendsItIsTheQuestion() throws Exception {
		// what curl -d 'What is a token?' sends
		JsonNode reply = post("/demo/chat?provider=anthropic&user=alice", "application/x-www-form-urlencoded",
				"What is a token?");
		assertThat(reply.path("text").asText()).contains("What is a token?");
	}

	@Test
	void aPlainTextBodyIsTheQuestion() throws Exception {
		JsonNode reply = post("/demo/chat?provider=openai", "text/plain", "a=b & c");
		assertThat(reply.path("text").asText()).contains("a=b & c");
	}

	@Test
	void callsCarryTheSessionAndTagOfTheRequest() throws Exception {
		JsonNode reply = post("/demo/chat?provider=groq&user=erin&session=s-42&tag=pricing", "text/plain", "Hi");
		CallEvent event = this.recorder.findByRequestId(reply.path("requestId").asText()).orElseThrow();
		assertThat(event.userId()).isEqualTo("erin");
		assertThat(event.sessionId()).isEqualTo("s-42");
		assertThat(event.tags()).contains("pricing", "sample-app");
	}

	@Test
	void prometheusAndTheDashboardAnswer() throws Exception {
		post("/demo/chat?provider=openai", "text/plain", "Hi");
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		HttpResponse<String> dashboard = get("/tokensense");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("content=\"/actuator/tokensense\"", "content=\"exposed\"");
	}

	private JsonNode post(String path, String contentType, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new ObjectMapper().readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
