package io.tokensense.autoconfigure.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tokensense.internal.usage.MemoryUsageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium, against a running application whose memory
 * store holds known calls: the numbers it shows, the chart it draws, and how both follow
 * the time window, and the latest calls. Leaves a screenshot in {@code target/dashboard/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=tokensense", "tokensense.dashboard.enabled=true",
				"tokensense.outputs=log", "tokensense.budgets.daily.limit=0.50", "tokensense.budgets.daily.window=P1D",
				// H2 is on the test class path: without this, Boot would make a DataSource and the jdbc output
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class DashboardBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MemoryUsageStore store;

	private ChromeDriver browser;

	@BeforeAll
	static void chromium() {
		Chromium.assumeInstalled();
	}

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsTheNumbersOfEachWindowAndDrawsTheChart() throws Exception {
		this.store.write(DashboardEvents.around(Instant.now()));
		this.browser = Chromium.start();
		this.browser.get("http://localhost:" + this.port + "/tokensense");

		loaded("day");
		// the last day: 0.0031 + 0.00021, one failure in four calls, one call without a price
		assertThat(text("kpi-cost")).isEqualTo("$0.00331");
		assertThat(text("kpi-calls")).isEqualTo("4");
		assertThat(text("kpi-tokens")).isEqualTo("2,215");
		assertThat(text("kpi-error-rate")).isEqualTo("25.0%");
		assertThat(text("kpi-unpriced")).isEqualTo("1");
		assertThat(cell("table-user", "alice")).isEqualTo("$0.0031");
		assertThat(cell("table-session", "s-3")).isEqualTo("$0.00021");
		assertThat(cell("table-tag", "checkout")).isEqualTo("$0.00331");
		assertThat(this.browser.findElements(By.cssSelector("#chart-cost rect[data-model='gpt-4o']"))).hasSize(1);
		assertThat(this.browser.findElements(By.cssSelector("#chart-tokens rect"))).hasSize(3);
		assertThat(this.browser.findElements(By.cssSelector("#chart-cost text"))).isNotEmpty();
		assertThat(this.browser.findElement(By.id("legend")).getText()).contains("gpt-4o", "gpt-4o-mini");
		assertThat(this.browser.findElement(By.cssSelector("#table-budgets tr[data-budget='daily'] .state")).getText())
			.isEqualTo("ok");
		// the latest calls, newest first; content only where it was captured
		assertThat(column("model")).containsExactly("in-house-model", "gpt-4o-mini", "gpt-4o", "gpt-4o-mini");
		assertThat(column("user")).containsExactly("carol", "alice", "alice", "bob");
		assertThat(column("cost")).containsExactly("unpriced", "–", "$0.0031", "$0.00021");
		assertThat(column("call-status")).containsExactly("ok", "error 429", "ok", "ok");
		assertThat(column("tokens")).containsExactly("15", "–", "1,100", "1,100");
		assertThat(column("content")).containsExactly("", "", DashboardEvents.PROMPT + " → " + DashboardEvents.RESPONSE,
				"");

		pick("hour");
		assertThat(text("kpi-cost")).isEqualTo("$0.0031");
		assertThat(text("kpi-calls")).isEqualTo("3");
		assertThat(text("kpi-error-rate")).isEqualTo("33.3%");
		assertThat(this.browser.findElements(By.cssSelector("#table-session tr[data-key='s-3']"))).isEmpty();
		assertThat(column("model")).containsExactly("in-house-model", "gpt-4o-mini", "gpt-4o");

		pick("week");
		assertThat(text("kpi-cost")).isEqualTo("$0.0158");
		assertThat(text("kpi-calls")).isEqualTo("5");
		assertThat(text("kpi-tokens")).isEqualTo("4,515");
		assertThat(this.browser.findElement(By.cssSelector("#table-user tr[data-key]")).getAttribute("data-key"))
			.isEqualTo("bob");
		assertThat(this.browser.findElements(By.cssSelector("#chart-cost rect[data-model='claude-sonnet-4-5']")))
			.hasSize(1);
		assertThat(column("model")).hasSize(5).endsWith("claude-sonnet-4-5");

		pick("day");
		File screenshot = this.browser.getScreenshotAs(OutputType.FILE);
		File kept = Chromium.target("dashboard.png");
		Files.copy(screenshot.toPath(), kept.toPath(), StandardCopyOption.REPLACE_EXISTING);
		assertThat(kept).isNotEmpty();
	}

	private void pick(String window) {
		this.browser.findElement(By.cssSelector("#window-picker button[data-window='" + window + "']")).click();
		loaded(window);
	}

	private void loaded(String window) {
		new WebDriverWait(this.browser, Duration.ofSeconds(15)).until((driver) -> window
			.equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	/** One column of the latest calls table, top to bottom. */
	private List<String> column(String cellClass) {
		return this.browser.findElements(By.cssSelector("#table-calls tr[data-id] td." + cellClass))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private String cell(String table, String key) {
		return this.browser.findElement(By.cssSelector("#" + table + " tr[data-key='" + key + "'] td.cost")).getText();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
