package io.tokensense.autoconfigure.actuate;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.TokenSenseContext;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint over HTTP backed by the JDBC table on PostgreSQL: its totals equal what SQL
 * reads from the table, and they survive a restart of the application.
 */
class TokenSenseEndpointJdbcTests {

	private static final ObjectMapper json = new ObjectMapper();

	@Test
	void answersFromThePostgresTableAcrossARestart() throws Exception {
		TestDatabase database = TestDatabase.orSkip(
				TestDatabase.fromEnvironment(TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL),
				TestDatabase.POSTGRES_URL, JdbcDialect.POSTGRESQL);
		try (database; LoopbackServer server = new LoopbackServer()) {
			server.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-j", "gpt-4o-mini", 1200, 1000, 300, 0)));
			String table = database.uniqueTable();
			String[] args = { "--server.port=0", "--management.endpoints.web.exposure.include=tokensense",
					"--tokensense.queue.flush-interval=20ms", "--tokensense.jdbc.table=" + table,
					"--tokensense.jdbc.url=" + System.getenv(TestDatabase.POSTGRES_URL),
					"--test.provider-url=" + server.url("/v1") };
			try (ConfigurableApplicationContext first = SpringApplication.run(JdbcEndpointApplication.class, args)) {
				OpenAIClient client = first.getBean(OpenAIClient.class);
				for (String user : new String[] { "alice", "alice", "bob" }) {
					try (var scope = TokenSenseContext.userId(user).open()) {
						client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
					}
				}
				Awaitility.await()
					.atMost(Duration.ofSeconds(15))
					.untilAsserted(() -> assertThat(get(first, "/actuator/tokensense").path("totals").path("calls")
						.asLong()).isEqualTo(3));
			}
			try (ConfigurableApplicationContext second = SpringApplication.run(JdbcEndpointApplication.class, args)) {
				JsonNode summary = get(second, "/actuator/tokensense");
				assertThat(summary.path("window").path("source").asText()).isEqualTo("jdbc");
				assertThat(summary.path("totals").path("calls").asLong()).isEqualTo(3);
				assertThat(summary.path("totals").path("costUsd").decimalValue())
					.isEqualByComparingTo(tableCost(database, table))
					.isEqualByComparingTo("0.000855");
				assertThat(summary.path("byUser").get(0).path("key").asText()).isEqualTo("alice");
				assertThat(get(second, "/actuator/tokensense/user?userId=bob").path("rows")).hasSize(1);
			}
		}
	}

	private static BigDecimal tableCost(TestDatabase database, String table) throws Exception {
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT SUM(cost_usd) FROM " + table)) {
			rows.next();
			return rows.getBigDecimal(1);
		}
	}

	private static JsonNode get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class JdbcEndpointApplication {

		@Bean
		OpenAIClient openAiClient(org.springframework.core.env.Environment environment) {
			return OpenAIOkHttpClient.builder()
				.baseUrl(environment.getRequiredProperty("test.provider-url"))
				.apiKey("k")
				.maxRetries(0)
				.build();
		}

	}

}
