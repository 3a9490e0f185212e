package io.tokensense.attribution.reactive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.attribution.reactive.ReactiveApplication.Collector;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.internal.support.StoredText;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web request attribution in a WebFlux application on a random port: Spring Security over
 * basic auth, a real OpenAI client bean against the loopback provider, requests over HTTP,
 * Reactor's default (limited) context propagation.
 */
@SpringBootTest(classes = WebFluxAttributionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "tokensense.attribution.principal=true",
				"tokensense.attribution.session-header=X-Session-Id", "tokensense.attribution.handler-tag=true",
				"tokensense.tags=from-properties" })
class WebFluxAttributionTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Collector collector;

	@BeforeEach
	void reply() {
		WebFluxAttributionApplication.provider
			.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-w", "gpt-4o", 100, 0, 10, 0)));
		this.collector.events.clear();
	}

	@AfterAll
	static void stop() {
		WebFluxAttributionApplication.provider.close();
	}

	@Test
	void eachSignedInUserIsTheUserOfTheCallsTheirRequestMakes() throws Exception {
		assertThat(send("GET", "/chat", "alice", "a-secret", "s-alice").body()).isEqualTo("chatcmpl-w");
		awaitEvents(1);
		assertThat(send("GET", "/chat", "bob", "b-secret", "s-bob").body()).isEqualTo("chatcmpl-w");

		List<CallEvent> events = awaitEvents(2);
		assertThat(events).extracting(CallEvent::userId).containsExactly("alice", "bob");
		assertThat(events).extracting(CallEvent::sessionId).containsExactly("s-alice", "s-bob");
		assertThat(events.get(0).tags()).containsExactly("ChatController#chat", "from-properties");
	}

	@Test
	void aRequestWithoutTheSessionHeaderHasNoSession() throws Exception {
		send("GET", "/chat", "bob", "b-secret", null);

		CallEvent event = awaitEvents(1).get(0);
		assertThat(event.userId()).isEqualTo("bob");
		assertThat(event.sessionId()).isNull();
	}

	@Test
	void theSessionHeaderIsCleanedAndCut() throws Exception {
		send("GET", "/chat", "alice", "a-secret", "s\t-" + "x".repeat(300));

		String session = awaitEvents(1).get(0).sessionId();
		assertThat(session).hasSize(StoredText.MAX_LENGTH).startsWith("s-xxx");
	}

	@Test
	void anAnnotatedReactiveMethodRanksAboveTheRequest() throws Exception {
		assertThat(send("POST", "/orders/o-1?customer=cust-7", "alice", "a-secret", "s-1").statusCode()).isEqualTo(200);

		CallEvent event = awaitEvents(1).get(0);
		assertThat(event.userId()).isEqualTo("cust-7");
		assertThat(event.sessionId()).isEqualTo("s-1");
		assertThat(event.tags()).containsExactly("checkout", "o-1", "ChatController#order", "from-properties");
	}

	@Test
	void anUnauthenticatedRequestMakesNoCall() throws Exception {
		assertThat(send("GET", "/chat", "alice", "wrong", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/nowhere", "alice", "a-secret", null).statusCode()).isEqualTo(404);
		assertThat(this.collector.events).isEmpty();
	}

	private List<CallEvent> awaitEvents(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.events.size() >= count);
		assertThat(this.collector.events).hasSize(count);
		return this.collector.events;
	}

	private HttpResponse<String> send(String method, String path, String user, String password, @Nullable String session)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		if (session != null) {
			request.header("X-Session-Id", session);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
