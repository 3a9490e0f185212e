package io.tokensense.autoconfigure;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.Budgets;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.testsupport.Events;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's table of meters against the meters a real context registers once calls of every
 * kind went through the pipeline and a budget alerted and refused a call: every meter is
 * documented, every documented meter exists, and the tag keys agree. Boot's own metrics
 * auto-configuration binds the pipeline's meters, as in an application.
 */
class ReadmeMetersTests {

	private static final Path README = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").normalize();

	/** A row of the Meters table: {@code | `name` | type | unit | tags | prometheus |}. */
	private static final Pattern ROW = Pattern.compile("^\\| `(tokensense\\.[a-z.]+)` \\|[^|]*\\|[^|]*\\|(.*)\\|[^|]*\\|$");

	private static final List<String> COMMON = List.of("gen_ai.provider.name", "gen_ai.operation.name",
			"gen_ai.request.model", "gen_ai.response.model");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, TokenSenseMetricsAutoConfiguration.class,
				TokenSenseAutoConfiguration.class, TokenSenseBudgetAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("tokensense.outputs=micrometer", "tokensense.queue.flush-interval=50ms",
				"tokensense.budgets.daily.limit=1", "tokensense.budgets.daily.window=day",
				"tokensense.budgets.daily.action=block");

	@Test
	void documentsEveryMeterWithItsTagKeys() throws Exception {
		Map<String, TreeSet<String>> documented = readmeMeters();
		this.contextRunner.run((context) -> {
			EventPipeline pipeline = context.getBean(EventPipeline.class);
			Instant now = Instant.now();
			List<CallEvent> events = List.of(Events.priced(now, "gpt-4o", "alice", 10, 5, "0.01"),
					Events.failed(now, "gpt-4o", "alice", "503"), Events.unknownModel(now, "mystery", "alice"),
					streamWithDetails(now));
			events.forEach((event) -> pipeline.offer(event, null));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (pipeline.written() < events.size() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(pipeline.written()).as("events written").isEqualTo(events.size());
			Budgets budgets = context.getBean(Budgets.class);
			budgets.recorded(Events.priced(now, "gpt-4o", "alice", 1, 1, "0.9"));
			budgets.recorded(Events.priced(now, "gpt-4o", "alice", 1, 1, "0.2"));
			assertThatExceptionOfType(BudgetExceededException.class)
				.isThrownBy(() -> budgets.check("openai", "gpt-4o", "alice", null, List.of()));

			Map<String, TreeSet<String>> registered = new TreeMap<>();
			for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
				if (meter.getId().getName().startsWith("tokensense.")) {
					TreeSet<String> keys = registered.computeIfAbsent(meter.getId().getName(), (name) -> new TreeSet<>());
					meter.getId().getTags().forEach((tag) -> keys.add(tag.getKey()));
				}
			}
			List<String> problems = new ArrayList<>();
			registered.forEach((name, keys) -> {
				if (!documented.containsKey(name)) {
					problems.add(name + " is registered (tags " + keys + ") but not in README.md's Meters table");
				}
				else if (!documented.get(name).equals(keys)) {
					problems.add("README.md's Meters table gives " + name + " the tags " + documented.get(name)
							+ ", the code " + keys);
				}
			});
			documented.keySet().stream().filter((name) -> !registered.containsKey(name))
				.forEach((name) -> problems.add("README.md's Meters table documents " + name
						+ ", which no meter is named (stale row, or the test records nothing that makes it)"));
			assertThat(problems).as("README.md vs the meters of a running context").isEmpty();
		});
	}

	@Test
	void findsTheMetersTable() throws Exception {
		// guards the test above against a parser that finds nothing and so finds nothing wrong
		Map<String, TreeSet<String>> documented = readmeMeters();
		assertThat(documented).containsKeys("tokensense.calls", "tokensense.tokens", "tokensense.cost",
				"tokensense.budget.blocked", "tokensense.queue.size");
		assertThat(documented.get("tokensense.calls")).contains("status", "error.type", "gen_ai.provider.name");
	}

	/** A stream that reports cache and reasoning tokens, so that the detail and first-token meters appear. */
	private static CallEvent streamWithDetails(Instant at) {
		return new CallEvent(UUID.randomUUID(), at, "openai", "chat", "gpt-4o", "gpt-4o", 100L, 50L, 20L, 5L, 10L,
				150L, new BigDecimal("0.002"), PricingStatus.PRICED, Duration.ofMillis(400), Duration.ofMillis(80), true,
				CallStatus.SUCCESS, null, "alice", null, List.of(), "chatcmpl-s", null, null, null);
	}

	/** The meter names of the Meters section's table, each with its tag keys ("common" expanded). */
	private static Map<String, TreeSet<String>> readmeMeters() throws Exception {
		List<String> lines = Files.readAllLines(README);
		int start = lines.indexOf("## Meters");
		assertThat(start).as("a \"## Meters\" section in " + README).isNotNegative();
		Map<String, TreeSet<String>> meters = new TreeMap<>();
		for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
			Matcher row = ROW.matcher(lines.get(i));
			if (row.matches()) {
				meters.put(row.group(1), tagKeys(row.group(2)));
			}
		}
		return meters;
	}

	/** {@code common, `status` = `success` \| `error`, `error.type`}: the keys are the backticked names before a {@code =} or a comma. */
	private static TreeSet<String> tagKeys(String cell) {
		TreeSet<String> keys = new TreeSet<>();
		for (String part : cell.split(",")) {
			String item = part.trim();
			if (item.equals("common")) {
				keys.addAll(COMMON);
			}
			else if (item.startsWith("`")) {
				keys.add(item.substring(1, item.indexOf('`', 1)));
			}
		}
		return keys;
	}

}
