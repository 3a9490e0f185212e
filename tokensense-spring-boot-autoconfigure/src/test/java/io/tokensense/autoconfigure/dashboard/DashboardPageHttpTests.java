package io.tokensense.autoconfigure.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page over HTTP on a real server: where it tells the browser the endpoint is, as the
 * actuator's configuration changes.
 */
class DashboardPageHttpTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void pointsAtTheEndpointUnderAMovedBasePathAndContextPath() throws Exception {
		try (ConfigurableApplicationContext app = run("tokensense.dashboard.enabled=true",
				"management.endpoints.web.exposure.include=tokensense", "management.endpoints.web.base-path=/manage",
				"server.servlet.context-path=/shop", "tokensense.dashboard.path=/usage/")) {
			String page = get(app, "/shop/usage").body();
			assertThat(page).contains("<meta name=\"tokensense-endpoint\" content=\"/shop/manage/tokensense\">")
				.contains("<meta name=\"tokensense-state\" content=\"exposed\">")
				.contains("src=\"/shop/usage/dashboard.js\"");
			assertThat(get(app, "/shop/manage/tokensense").statusCode()).isEqualTo(200);
			assertThat(get(app, "/shop/usage/dashboard.js").body()).contains("function drawChart");
		}
	}

	@Test
	void saysSoWhenTheEndpointIsNotExposed() throws Exception {
		try (ConfigurableApplicationContext app = run("tokensense.dashboard.enabled=true",
				"management.endpoints.web.exposure.include=health")) {
			HttpResponse<String> page = get(app, "/tokensense");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<meta name=\"tokensense-state\" content=\"not-exposed\">")
				.contains("<meta name=\"tokensense-endpoint\" content=\"\">");
		}
	}

	@Test
	void isOffByDefault() throws Exception {
		try (ConfigurableApplicationContext app = run("management.endpoints.web.exposure.include=tokensense")) {
			assertThat(get(app, "/tokensense").statusCode()).isEqualTo(404);
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(App.class).properties("server.port=0", "tokensense.outputs=log",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
			.properties(properties)
			.run();
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
