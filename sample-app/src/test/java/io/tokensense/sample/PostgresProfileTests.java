package io.tokensense.sample;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with its {@code postgres} profile, against the PostgreSQL server whose JDBC URL is
 * in {@code TOKENSENSE_TEST_POSTGRES_URL} (skipped, loudly, without it): calls made over HTTP
 * become rows of the shared table, read here with plain JDBC, and the endpoint answers from it.
 * The table has a name of its own, so runs sharing the server never meet.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.use-real-providers=false", "tokensense.queue.flush-interval=50ms" })
@ActiveProfiles("postgres")
class PostgresProfileTests {

	private static final String URL_VARIABLE = "TOKENSENSE_TEST_POSTGRES_URL";

	private static final String URL = System.getenv(URL_VARIABLE);

	private static final String TABLE = "sample_pg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@Value("${local.server.port}")
	private int port;

	@BeforeAll
	static void postgres() {
		if (URL == null || URL.isBlank()) {
			String message = "WARNING: " + URL_VARIABLE + " is not set, so the sample's postgres profile test is "
					+ "SKIPPED; .ci/run sets it";
			System.err.println(message);
			Assumptions.abort(message);
		}
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		// the profile's own url, username and password stay as they are, but for the server and the table
		registry.add("tokensense.jdbc.url", () -> URL);
		registry.add("tokensense.jdbc.table", () -> TABLE);
	}

	@AfterAll
	static void dropTables() throws Exception {
		if (URL != null && !URL.isBlank()) {
			try (Connection connection = DriverManager.getConnection(URL);
					Statement statement = connection.createStatement()) {
				statement.execute("DROP TABLE IF EXISTS " + TABLE);
				for (String suffix : new String[] { "_hourly", "_hourly_models", "_daily_users", "_users",
						"_user_checkpoints" }) {
					statement.execute("DROP TABLE IF EXISTS " + TABLE + suffix);
				}
			}
		}
	}

	@Test
	void callsBecomeRowsOfTheSharedTable() throws Exception {
		String user = "pg-" + UUID.randomUUID().toString().substring(0, 8);
		BigDecimal replied = BigDecimal.ZERO;
		for (String provider : new String[] { "openai", "anthropic", "groq" }) {
			HttpResponse<String> response = post("/demo/chat?provider=" + provider + "&user=" + user, "Where am I stored?");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			replied = replied.add(this.json.readTree(response.body()).path("costUsd").decimalValue());
		}
		BigDecimal cost = replied;
		// the table appears with the output's first batch: until then the query fails
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.ignoreExceptionsInstanceOf(SQLException.class)
			.untilAsserted(() -> {
				try (Connection connection = DriverManager.getConnection(URL);
						PreparedStatement select = connection.prepareStatement(
								"SELECT COUNT(*), SUM(cost_usd), COUNT(DISTINCT provider) FROM " + TABLE + " WHERE user_id = ?")) {
					select.setString(1, user);
					try (ResultSet rows = select.executeQuery()) {
						assertThat(rows.next()).isTrue();
						assertThat(rows.getLong(1)).isEqualTo(3);
						assertThat(rows.getBigDecimal(2)).isEqualByComparingTo(cost);
						assertThat(rows.getLong(3)).isEqualTo(3);
					}
				}
			});
		JsonNode report = this.json.readTree(get("/actuator/tokensense?userId=" + user));
		assertThat(report.path("window").path("source").asText()).isEqualTo("jdbc");
		assertThat(report.path("totals").path("calls").asLong()).isEqualTo(3);
		assertThat(report.path("totals").path("costUsd").decimalValue()).isEqualByComparingTo(cost);
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
