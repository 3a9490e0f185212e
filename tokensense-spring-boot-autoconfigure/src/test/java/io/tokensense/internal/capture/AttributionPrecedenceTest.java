package io.tokensense.internal.capture;

import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.ObserveOptions;
import io.tokensense.TokenSenseContext;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RecordingSink;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope over options over defaults: the narrowest layer that sets a user or session wins;
 * tags are the union, narrowest first.
 */
class AttributionPrecedenceTest {

	private final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-a", "gpt-4o", 1, 0, 1, 0)));

	private final RecordingSink sink = new RecordingSink();

	private final OpenAIClient client = ClientProxies.observe(
			OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("k").maxRetries(0).build(),
			ObserveOptions.builder().userId("options-user").sessionId("options-session").tags("opt", "shared").build(),
			this.sink.route(new Attribution("default-user", "default-session", List.of("default", "shared"))));

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void optionsWinOverDefaults() {
		CallEvent event = call();
		assertThat(event.userId()).isEqualTo("options-user");
		assertThat(event.sessionId()).isEqualTo("options-session");
		assertThat(event.tags()).containsExactly("opt", "shared", "default");
	}

	@Test
	void scopeWinsOverOptionsAndDefaults() {
		CallEvent event;
		try (var scope = TokenSenseContext.userId("scope-user").tags("scoped", "opt").open()) {
			event = call();
		}
		assertThat(event.userId()).isEqualTo("scope-user");
		assertThat(event.sessionId()).isEqualTo("options-session");
		assertThat(event.tags()).containsExactly("scoped", "opt", "shared", "default");
	}

	@Test
	void nestedScopesInheritAndClosingRestoresTheOuterScope() {
		try (var outer = TokenSenseContext.userId("outer").sessionId("outer-session").open()) {
			try (var inner = TokenSenseContext.userId("inner").open()) {
				CallEvent event = call();
				assertThat(event.userId()).isEqualTo("inner");
				assertThat(event.sessionId()).isEqualTo("outer-session");
			}
			assertThat(call().userId()).isEqualTo("outer");
		}
		assertThat(call().userId()).isEqualTo("options-user");
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
	}

	private CallEvent call() {
		int before = this.sink.events().size();
		this.client.chat().completions().create(Requests.openAiChat("gpt-4o"));
		return this.sink.events().get(before);
	}

}
