package io.tokensense.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.autoconfigure.actuate.TokenSenseEndpoint;
import io.tokensense.autoconfigure.actuate.TokenSenseEndpointAutoConfiguration;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.OutputState;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties that only matter if they bind: {@code tokensense.jdbc.username} and
 * {@code tokensense.jdbc.password} reach TokenSense's own pool (an H2 database that only that
 * user may open), and {@code tokensense.memory.max-events} bounds what the endpoint remembers.
 */
class BindingPropertiesTests {

	private static final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-bp", "gpt-4o-mini", 100, 0, 50, 0)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(ClientConfiguration.class)
		.withPropertyValues("tokensense.queue.flush-interval=20ms");

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void theOwnDatabaseIsOpenedWithTheConfiguredUserAndPassword() throws Exception {
		String url = "jdbc:h2:mem:binding-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		// the first connection creates the in-memory database with this user as its owner
		try (Connection owner = DriverManager.getConnection(url, "ts_writer", "s3cret")) {
			jdbc().withPropertyValues("tokensense.jdbc.url=" + url, "tokensense.jdbc.username=ts_writer",
					"tokensense.jdbc.password=s3cret")
				.run((context) -> {
					context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
					Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows(owner) == 1);
				});
		}
	}

	@Test
	void aWrongPasswordIsWhatTheOwnDatabaseIsOpenedWith() throws Exception {
		String url = "jdbc:h2:mem:binding-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (Connection owner = DriverManager.getConnection(url, "ts_writer", "s3cret")) {
			jdbc().withPropertyValues("tokensense.jdbc.url=" + url, "tokensense.jdbc.username=ts_writer",
					"tokensense.jdbc.password=wrong")
				.run((context) -> {
					context.getBean(OpenAIClient.class).chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
					EventPipeline pipeline = context.getBean(EventPipeline.class);
					Awaitility.await()
						.atMost(Duration.ofSeconds(10))
						.until(() -> pipeline.outputStates().stream().noneMatch(OutputState::up));
					assertThat(tableExists(owner)).isFalse();
				});
		}
	}

	@Test
	void theEndpointRemembersAtMostMaxEvents() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(TokenSenseAutoConfiguration.class, TokenSenseEndpointAutoConfiguration.class))
			.withPropertyValues("tokensense.outputs=log", "tokensense.memory.max-events=2",
					"management.endpoints.web.exposure.include=tokensense")
			.run((context) -> {
				OpenAIClient client = context.getBean(OpenAIClient.class);
				for (int i = 0; i < 3; i++) {
					client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
				}
				EventPipeline pipeline = context.getBean(EventPipeline.class);
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.written() == 3);
				TokenSenseEndpoint endpoint = context.getBean(TokenSenseEndpoint.class);
				assertThat(endpoint.summary(null, null, null, null).window().source()).isEqualTo("memory");
				assertThat(endpoint.summary(null, null, null, null).totals().calls()).isEqualTo(2);
			});
	}

	private ApplicationContextRunner jdbc() {
		return this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(TokenSenseJdbcAutoConfiguration.class, TokenSenseAutoConfiguration.class))
			.withPropertyValues("tokensense.outputs=jdbc");
	}

	private static long rows(Connection connection) throws Exception {
		if (!tableExists(connection)) {
			return 0;
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM tokensense_calls")) {
			result.next();
			return result.getLong(1);
		}
	}

	private static boolean tableExists(Connection connection) throws Exception {
		try (ResultSet tables = connection.getMetaData().getTables(null, null, "TOKENSENSE_CALLS", null)) {
			return tables.next();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return OpenAIOkHttpClient.builder().baseUrl(server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
		}

	}

}
