package io.tokensense.internal.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokensense.testsupport.LiteLlmSnapshot;
import io.tokensense.testsupport.PriceFileServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RefreshingPriceCatalog} reading a real HTTP server on the loopback interface. */
class RefreshingPriceCatalogTest {

	private static final String FAKE = "tokensense-refresh-test-model";

	/** The fake model's prices, per token, as served: the expected costs come from these. */
	private static final String FAKE_INPUT = "0.000001234";

	private static final String FAKE_OUTPUT = "0.000005678";

	private final PriceFileServer server = new PriceFileServer();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(RefreshingPriceCatalog.class);

	private RefreshingPriceCatalog catalog = http(Map.of(), null, Duration.ofSeconds(10));

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void stop() {
		this.catalog.stop();
		this.logger.detachAppender(this.log);
		this.server.close();
	}

	@Test
	void servesTheBaseCatalogUntilAFileHasBeenRead() {
		assertThat(this.catalog.get()).isSameAs(PriceCatalog.bundled());
		assertThat(this.catalog.status().source()).isEqualTo("bundled");
		assertThat(this.catalog.status().location()).isEqualTo(this.server.url().toString());
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void swapsInTheSnapshotServedOverHttp() throws Exception {
		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT));
		assertThat(price(FAKE)).isNull();

		assertThat(this.catalog.refresh()).isTrue();

		// 1M input and 1M output tokens at the served per-token prices
		assertThat(price(FAKE)).isEqualByComparingTo(new BigDecimal(FAKE_INPUT).add(new BigDecimal(FAKE_OUTPUT))
			.multiply(BigDecimal.valueOf(1_000_000)));
		CatalogStatus status = this.catalog.status();
		assertThat(status.source()).isEqualTo("bundled + " + this.server.url());
		assertThat(status.models()).isGreaterThan(PriceCatalog.bundled().models().size());
		assertThat(status.lastError()).isNull();
	}

	@Test
	void keepsTheLastGoodCatalogWhenTheFileIsNotJson() throws Exception {
		loadSnapshot();
		this.server.serve("<html>Service Unavailable</html>");

		assertThat(this.catalog.refresh()).isFalse();

		assertThat(price(FAKE)).isNotNull();
		assertThat(this.catalog.status().lastError()).contains("not valid JSON");
		assertThat(this.catalog.status().lastErrorAt()).isNotNull();
	}

	@Test
	void refusesAFileWithANegativePrice() throws Exception {
		ObjectNode tree = LiteLlmSnapshot.tree();
		((ObjectNode) tree.get("gpt-4o")).put("output_cost_per_token", new BigDecimal("-0.00001"));
		this.server.serve(LiteLlmSnapshot.json(tree));

		assertThat(this.catalog.refresh()).isFalse();

		assertThat(this.catalog.get()).isSameAs(PriceCatalog.bundled());
		assertThat(this.catalog.status().lastError()).contains("'gpt-4o'").contains("negative");
	}

	@Test
	void refusesAFileWithANonNumericPrice() throws Exception {
		ObjectNode tree = LiteLlmSnapshot.tree();
		((ObjectNode) tree.get("gpt-4o")).put("input_cost_per_token", "free");
		this.server.serve(LiteLlmSnapshot.json(tree));

		assertThat(this.catalog.refresh()).isFalse();

		assertThat(this.catalog.status().lastError()).contains("'gpt-4o'").contains("not a number");
	}

	@Test
	void refusesAFileWithFewerThanHalfTheModelsOfTheOneInUse() throws Exception {
		loadSnapshot();
		this.server.serve("{\"gpt-4o\": {\"input_cost_per_token\": 0.0000025, \"output_cost_per_token\": 0.00001}}");

		assertThat(this.catalog.refresh()).isFalse();

		assertThat(price(FAKE)).isNotNull();
		assertThat(this.catalog.status().lastError()).contains("prices 1 models, fewer than half");
	}

	@Test
	void appliesTheOverridesOnTopOfEveryReadCatalog() throws Exception {
		this.catalog = http(Map.of("gpt-4o", new PriceOverride(BigDecimal.ONE, null, null, null, null)), null,
				Duration.ofSeconds(10));
		loadSnapshot();

		// 1M input tokens at the overridden 1 USD per million, not the served price
		assertThat(new CostCalculator(this.catalog).price("openai", "gpt-4o", null, TokenUsage.of(1_000_000, 0))
			.costUsd()).isEqualByComparingTo("1");
	}

	@Test
	void timesOutOnASlowServerAndKeepsServing() throws Exception {
		this.catalog = http(Map.of(), null, Duration.ofMillis(300));
		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT)).holdReplies();
		this.catalog.start();
		assertThat(this.server.awaitFirstRequest(10)).isTrue();

		// a caller prices while the read hangs
		assertThat(new CostCalculator(this.catalog).price("openai", "gpt-4o", null, TokenUsage.of(10, 5)).status())
			.hasToString("PRICED");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.catalog.status().lastError()).contains("HttpTimeoutException"));
		assertThat(price(FAKE)).isNull();
	}

	@Test
	void readsAgainInTheBackgroundOnADaemonThreadThatStopsWithTheCatalog() throws Exception {
		this.catalog = http(Map.of(), Duration.ofMillis(50), Duration.ofSeconds(10));
		this.server.serve(LiteLlmSnapshot.bytes());
		this.catalog.start();
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> this.server.requests() >= 2);
		assertThat(refreshThreads()).isNotEmpty().allMatch(Thread::isDaemon);

		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> price(FAKE) != null);

		this.catalog.stop();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refreshThreads().isEmpty());
	}

	@Test
	void logsOneWarningWithoutStackTraceForAFailureThatLasts() throws Exception {
		this.server.serve("not json");
		for (int i = 0; i < 5; i++) {
			assertThat(this.catalog.refresh()).isFalse();
		}

		List<ILoggingEvent> warnings = this.log.list.stream().filter((e) -> e.getLevel() == Level.WARN).toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0).getFormattedMessage()).contains(this.server.url().toString())
			.contains("not valid JSON");
		assertThat(warnings.get(0).getThrowableProxy()).isNull();
	}

	@Test
	void warnsAgainWhenAFailureFollowsASuccess() throws Exception {
		this.server.serve("not json");
		this.catalog.refresh();
		loadSnapshot();
		this.server.serve("still not json");
		this.catalog.refresh();

		assertThat(this.log.list.stream().filter((e) -> e.getLevel() == Level.WARN)).hasSize(2);
	}

	@Test
	void reportsAnOverrideOfAModelNoCatalogLists() {
		this.catalog = new RefreshingPriceCatalog(PriceCatalog.bundled(),
				Map.of("gpt-4o", new PriceOverride(BigDecimal.ONE, null, null, null, null), "gtp-4o-mini",
						new PriceOverride(BigDecimal.ONE, BigDecimal.TEN, null, null, null)),
				null, null);

		assertThat(this.catalog.warnAboutUnmatchedOverrides()).containsExactly("gtp-4o-mini");
		assertThat(this.log.list).anyMatch((e) -> e.getLevel() == Level.WARN
				&& e.getFormattedMessage().contains("[gtp-4o-mini]") && !e.getFormattedMessage().contains("gpt-4o,"));
	}

	private void loadSnapshot() throws Exception {
		this.server.serve(LiteLlmSnapshot.withFakeModel(FAKE, FAKE_INPUT, FAKE_OUTPUT));
		assertThat(this.catalog.refresh()).isTrue();
	}

	private BigDecimal price(String model) {
		return new CostCalculator(this.catalog).price("openai", model, null, TokenUsage.of(1_000_000, 1_000_000))
			.costUsd();
	}

	private RefreshingPriceCatalog http(Map<String, PriceOverride> overrides, Duration interval, Duration timeout) {
		return new RefreshingPriceCatalog(PriceCatalog.bundled(), overrides,
				CatalogSource.url(this.server.url(), Duration.ofSeconds(5), timeout), interval);
	}

	private static List<Thread> refreshThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(RefreshingPriceCatalog.THREAD_NAME))
			.toList();
	}

}
