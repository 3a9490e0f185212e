package io.tokensense.autoconfigure;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tokensense.autoconfigure.actuate.TokenSenseHealthAutoConfiguration;
import io.tokensense.autoconfigure.actuate.TokenSenseHealthIndicator;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.Pricing;
import io.tokensense.internal.pricing.RefreshingPriceCatalog;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.testsupport.LiteLlmSnapshot;
import io.tokensense.testsupport.PriceFileServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokensense.pricing.catalog} as an {@code http:} URL and {@code refresh-interval}, in a
 * real Spring context reading a loopback HTTP server: startup never waits on it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenSensePricingRefreshTests {

	private static final String FAKE = "tokensense-context-test-model";

	private static final String FAKE_INPUT = "0.000002";

	private static final String FAKE_OUTPUT = "0.000007";

	private final PriceFileServer server = new PriceFileServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class,
				TokenSenseHealthAutoConfiguration.class))
		.withPropertyValues("tokensense.pricing.catalog=" + this.server.url());

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void startsWithTheBundledCatalogAndSwapsInTheServedFileOnceItArrives() throws Exception {
		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT)).holdReplies();
		this.contextRunner.run((context) -> {
			// the context is up while the server still holds its reply
			assertThat(context).hasNotFailed();
			assertThat(this.server.awaitFirstRequest(10)).isTrue();
			assertThat(price(context, FAKE).status()).hasToString("UNKNOWN_MODEL");
			assertThat(price(context, "gpt-4o").status()).hasToString("PRICED");
			assertThat(pricingHealth(context)).containsEntry("source", "bundled");

			this.server.releaseReplies();

			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(price(context, FAKE).costUsd()).isEqualByComparingTo(
						new BigDecimal(FAKE_INPUT).add(new BigDecimal(FAKE_OUTPUT)).multiply(BigDecimal.valueOf(1_000_000))));
			assertThat(pricingHealth(context)).containsEntry("source", "bundled + " + this.server.url())
				.containsEntry("location", this.server.url().toString())
				.containsKeys("models", "loadedAt")
				.doesNotContainKey("lastError");
		});
	}

	@Test
	void startsAndWarnsWhenTheUrlCannotBeRead(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner.withPropertyValues("tokensense.pricing.catalog=http://127.0.0.1:" + closedPort + "/prices.json")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(price(context, "gpt-4o").status()).hasToString("PRICED");
				Awaitility.await()
					.atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(pricingHealth(context)).containsKey("lastError"));
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
				assertThat(output).contains("WARN").contains("cannot use the price file at http://127.0.0.1:" + closedPort);
			});
	}

	@Test
	void keepsTheLastGoodCatalogWhenARefreshIsBrokenAndShowsTheErrorInHealth() throws Exception {
		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT));
		this.contextRunner.withPropertyValues("tokensense.pricing.refresh-interval=100ms").run((context) -> {
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> price(context, FAKE).costUsd() != null);

			this.server.serve("{\"gpt-4o\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 0.00001}}");

			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(pricingHealth(context)).extractingByKey("lastError")
					.asString()
					.contains("negative"));
			assertThat(price(context, FAKE).costUsd()).isNotNull();
			assertThat(pricingHealth(context)).containsEntry("source", "bundled + " + this.server.url());
		});
	}

	@Test
	void aSlowServerTimesOutWithoutBlockingStartupOrCallers() throws Exception {
		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT)).holdReplies();
		this.contextRunner.withPropertyValues("tokensense.pricing.read-timeout=300ms").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.server.awaitFirstRequest(10)).isTrue();
			assertThat(price(context, "gpt-4o").status()).hasToString("PRICED");
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(pricingHealth(context)).extractingByKey("lastError")
					.asString()
					.contains("HttpTimeoutException"));
			assertThat(price(context, FAKE).status()).hasToString("UNKNOWN_MODEL");
		});
	}

	@Test
	void theRefreshThreadIsADaemonThatStopsWithTheContext() throws Exception {
		this.server.serve(LiteLlmSnapshot.bytes());
		this.contextRunner.withPropertyValues("tokensense.pricing.refresh-interval=1h").run((context) -> {
			assertThat(refreshThreadList()).isNotEmpty().allMatch(Thread::isDaemon);
		});
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refreshThreads() == 0);
	}

	@Test
	void warnsAtStartupAboutAnOverrideOfAModelNoCatalogLists(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class))
			.withPropertyValues("tokensense.pricing.models.gtp-4o.input=1", "tokensense.pricing.models.gtp-4o.output=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("tokensense.pricing.models: [gtp-4o] match no model");
			});
	}

	private static Pricing price(ApplicationContext context, String model) {
		return context.getBean(CostCalculator.class)
			.price("openai", model, null, TokenUsage.of(1_000_000, 1_000_000));
	}

	private static Health health(ApplicationContext context) {
		return context.getBean(TokenSenseHealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> pricingHealth(ApplicationContext context) {
		return (Map<String, Object>) health(context).getDetails().get("pricing");
	}

	private static long refreshThreads() {
		return refreshThreadList().size();
	}

	private static List<Thread> refreshThreadList() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(RefreshingPriceCatalog.THREAD_NAME))
			.toList();
	}

}
