package io.tokensense.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import io.tokensense.testsupport.Events;
import io.tokensense.internal.usage.MemoryUsageStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edges of the endpoint over HTTP, on Boot's real JSON mapper: money as plain decimals and a
 * blank {@code since} refused like any unreadable one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=tokensense",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class TokenSenseEndpointEdgesHttpTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MemoryUsageStore store;

	private boolean written;

	@BeforeEach
	void events() {
		if (!this.written) {
			Instant now = Instant.now();
			// 1.5e-7 and 300: BigDecimal.toString writes them as 1.5E-7 and 3E+2 once trailing zeros go
			this.store.write(List.of(Events.priced(now.minusSeconds(60), "gpt-4o-mini", "tiny", 1, 0, "0.00000015"),
					Events.priced(now.minusSeconds(30), "gpt-4o", "big", 1, 0, "3E+2")));
			this.written = true;
		}
	}

	@Test
	void writesMoneyAsPlainDecimals() throws Exception {
		String tiny = body("/actuator/tokensense?userId=tiny");
		assertThat(tiny).contains("\"costUsd\":0.00000015").doesNotContainIgnoringCase("e-");
		String big = body("/actuator/tokensense/user?userId=big");
		assertThat(big).contains("\"costUsd\":300").doesNotContainIgnoringCase("e+");
		String series = body("/actuator/tokensense/timeseries?since=PT1H&userId=tiny");
		assertThat(series).contains("\"costUsd\":0.00000015");
	}

	@Test
	void refusesABlankSince() throws Exception {
		assertThat(status("/actuator/tokensense/timeseries?interval=PT1S&since=")).isEqualTo(400);
		assertThat(status("/actuator/tokensense/timeseries?interval=PT1S&since=%20")).isEqualTo(400);
		assertThat(status("/actuator/tokensense?since=")).isEqualTo(400);
		assertThat(status("/actuator/tokensense/user?since=%20%20")).isEqualTo(400);
		assertThat(status("/actuator/tokensense/timeseries?interval=PT1S&since=PT1H")).isEqualTo(200);
	}

	private String body(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
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

	}

}
