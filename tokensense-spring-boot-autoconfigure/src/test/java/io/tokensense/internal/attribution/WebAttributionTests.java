package io.tokensense.internal.attribution;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.tokensense.CallEvent;
import io.tokensense.internal.attribution.AttributionApplication.Collector;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attribution without code in a running application: Spring Security over basic auth, a real
 * OpenAI client bean against the loopback provider, requests over HTTP.
 */
@SpringBootTest(classes = AttributionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"tokensense.attribution.principal=true", "tokensense.attribution.session-header=X-Session-Id",
				"tokensense.attribution.handler-tag=true", "tokensense.tags=from-properties",
				"tokensense.user-id=default-user" })
class WebAttributionTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Collector collector;

	@BeforeEach
	void reply() {
		AttributionApplication.provider
			.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-a", "gpt-4o", 100, 0, 10, 0)));
		this.collector.events.clear();
	}

	@AfterAll
	static void stop() {
		AttributionApplication.provider.close();
	}

	@Test
	void eachSignedInUserIsTheUserOfTheCallsTheirRequestMakes() throws Exception {
		assertThat(send("GET", "/chat", "alice", "a-secret", "s-alice").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/chat", "bob", "b-secret", "s-bob").statusCode()).isEqualTo(200);

		assertThat(this.collector.events).extracting(CallEvent::userId).containsExactly("alice", "bob");
		assertThat(this.collector.events).extracting(CallEvent::sessionId).containsExactly("s-alice", "s-bob");
		assertThat(this.collector.events.get(0).tags()).containsExactly("ChatController#chat", "from-properties");
	}

	@Test
	void aRequestWithoutTheSessionHeaderHasNoSession() throws Exception {
		send("GET", "/chat", "alice", "a-secret", null);

		assertThat(only().sessionId()).isNull();
		assertThat(only().userId()).isEqualTo("alice");
	}

	@Test
	void anAnnotatedMethodTakesItsValuesFromItsArgumentsAndRanksAboveTheRequest() throws Exception {
		send("POST", "/orders/o-1?customer=cust-7", "alice", "a-secret", "s-1");

		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("cust-7");
		assertThat(event.sessionId()).isEqualTo("s-1");
		assertThat(event.tags()).containsExactly("checkout", "o-1", "ChatController#checkout", "from-properties");
	}

	@Test
	void aScopeOpenedInCodeRanksAboveAnAnnotatedMethodItCalls() throws Exception {
		send("POST", "/orders/o-2/explicit", "bob", "b-secret", null);

		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("explicit-user");
		assertThat(event.tags()).containsExactly("explicit", "checkout", "o-2", "ChatController#checkoutInExplicitScope",
				"from-properties");
	}

	@Test
	void anAsyncMethodOpensItsScopeOnTheExecutorThread() throws Exception {
		HttpResponse<String> response = send("GET", "/async?topic=weather", "alice", "a-secret", "s-3");

		assertThat(response.body()).as("thread of the method body").doesNotStartWith("http-nio");
		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("weather");
		// the executor's thread is not the request's: only the method's scope and the properties apply
		assertThat(event.sessionId()).isNull();
		assertThat(event.tags()).containsExactly("background", "from-properties");
	}

	@Test
	void anAsyncSdkCallStartedByAnAnnotatedMethodKeepsItsScopeWhenItCompletesLater() throws Exception {
		HttpResponse<String> response = send("GET", "/async-sdk?customer=erin", "alice", "a-secret", "s-5");

		assertThat(response.body()).isEqualTo("chatcmpl-a");
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.collector.events.isEmpty());
		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("erin");
		assertThat(event.sessionId()).isEqualTo("s-5");
		assertThat(event.tags()).containsExactly("async-sdk", "ChatController#asyncSdk", "from-properties");
	}

	@Test
	void nestedAnnotatedMethodsNarrowOneAnother() throws Exception {
		send("GET", "/nested", "alice", "a-secret", null);

		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("inner-user");
		assertThat(event.sessionId()).isEqualTo("outer-session");
		assertThat(event.tags()).containsExactly("inner", "outer", "ChatController#nested", "from-properties");
	}

	@Test
	void anExpressionThatFailsLeavesItsValueUnsetAndTheMethodRuns() throws Exception {
		HttpResponse<String> response = send("GET", "/unresolvable", "bob", "b-secret", null);

		assertThat(response.statusCode()).isEqualTo(200);
		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("bob");
		assertThat(event.tags()).containsExactly("by-name", "ChatController#unresolvable", "from-properties");
	}

	@Test
	void theRequestRanksAboveObserveOptionsWhichRankAboveTheProperties() throws Exception {
		send("GET", "/options", "alice", "a-secret", null);

		CallEvent event = only();
		assertThat(event.userId()).isEqualTo("alice");
		assertThat(event.sessionId()).isEqualTo("options-session");
		assertThat(event.tags()).containsExactly("ChatController#withOptions", "options", "from-properties");
	}

	@Test
	void anUnauthenticatedRequestMakesNoCall() throws Exception {
		assertThat(send("GET", "/chat", "alice", "wrong", null).statusCode()).isEqualTo(401);
		assertThat(this.collector.events).isEmpty();
	}

	private CallEvent only() {
		assertThat(this.collector.events).hasSize(1);
		return this.collector.events.get(0);
	}

	private HttpResponse<String> send(String method, String path, String user, String password, String session)
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
