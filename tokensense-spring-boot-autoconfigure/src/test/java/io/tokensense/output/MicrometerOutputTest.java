package io.tokensense.output;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.within;

class MicrometerOutputTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerOutput output = new MicrometerOutput(this.registry);

	@Test
	void recordsTheSumsOfTheEventsTokensCallsAndCost() {
		List<CallEvent> events = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			EventBuilder event = EventBuilder.event();
			event.inputTokens = 1000L + i;
			event.outputTokens = 10L * i;
			event.cacheReadTokens = (long) i;
			event.cacheWriteTokens = 2L * i;
			event.reasoningTokens = 3L * i;
			event.costUsd = new BigDecimal("0.000123").multiply(BigDecimal.valueOf(i));
			events.add(event.build());
		}
		this.output.write(events.subList(0, 25));
		this.output.write(events.subList(25, 40));

		assertThat(tokens(TokenSenseMeters.TOKENS, "input").count()).isEqualTo(40);
		assertThat(tokens(TokenSenseMeters.TOKENS, "input").totalAmount()).isEqualTo(sum(events, CallEvent::inputTokens));
		assertThat(tokens(TokenSenseMeters.TOKENS, "output").totalAmount()).isEqualTo(sum(events, CallEvent::outputTokens));
		assertThat(tokens(TokenSenseMeters.TOKENS_DETAIL, "cache_read").totalAmount())
			.isEqualTo(sum(events, CallEvent::cacheReadTokens));
		assertThat(tokens(TokenSenseMeters.TOKENS_DETAIL, "cache_write").totalAmount())
			.isEqualTo(sum(events, CallEvent::cacheWriteTokens));
		assertThat(tokens(TokenSenseMeters.TOKENS_DETAIL, "reasoning").totalAmount())
			.isEqualTo(sum(events, CallEvent::reasoningTokens));
		Timer calls = this.registry.get(TokenSenseMeters.CALLS).tag("status", "success").tag("error.type", "none").timer();
		assertThat(calls.count()).isEqualTo(40);
		assertThat(calls.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40 * 847.0);
		BigDecimal cost = events.stream().map(CallEvent::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(this.registry.get(TokenSenseMeters.COST).counter().count()).isCloseTo(cost.doubleValue(), within(1e-9));
	}

	@Test
	void keepsTheTagKeysOfEachMeterTheSameWhateverTheEvent() {
		EventBuilder error = EventBuilder.event().noUsage();
		error.status = CallStatus.ERROR;
		error.errorType = "429";
		error.responseModel = null;
		EventBuilder cancelled = EventBuilder.event();
		cancelled.status = CallStatus.CANCELLED;
		EventBuilder stream = EventBuilder.event();
		stream.timeToFirstToken = Duration.ofMillis(120);
		stream.userId = "alice";
		EventBuilder unknown = EventBuilder.event();
		unknown.requestModel = null;
		unknown.costUsd = null;
		unknown.pricingStatus = PricingStatus.UNKNOWN_MODEL;
		this.output.write(List.of(EventBuilder.event().build(), EventBuilder.event().noUsage().build(), error.build(),
				cancelled.build(), stream.build(), unknown.build()));

		Set<String> common = Set.of("gen_ai.provider.name", "gen_ai.operation.name", "gen_ai.request.model",
				"gen_ai.response.model");
		assertThat(tagKeySets(TokenSenseMeters.CALLS)).containsExactly(with(common, "status", "error.type"));
		assertThat(tagKeySets(TokenSenseMeters.TOKENS)).containsExactly(with(common, "gen_ai.token.type"));
		assertThat(tagKeySets(TokenSenseMeters.TOKENS_DETAIL)).containsExactly(with(common, "gen_ai.token.type"));
		assertThat(tagKeySets(TokenSenseMeters.COST)).containsExactly(common);
		assertThat(tagKeySets(TokenSenseMeters.TIME_TO_FIRST_TOKEN)).containsExactly(common);
		assertThat(tagKeySets(TokenSenseMeters.EVENTS_UNPRICED)).containsExactly(with(common, "reason"));
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("status", "error").tag("error.type", "429")
			.tag("gen_ai.response.model", "none").timer().count()).isOne();
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("status", "cancelled").tag("error.type", "other")
			.timer().count()).isOne();
	}

	@Test
	void recordsNoTokensForAnEventWithoutUsageAndCountsOnlySuccessfulCallsAsUnpriced() {
		EventBuilder error = EventBuilder.event().noUsage();
		error.status = CallStatus.ERROR;
		error.errorType = "500";
		this.output.write(List.of(EventBuilder.event().noUsage().build(), error.build()));

		assertThat(this.registry.find(TokenSenseMeters.TOKENS).meters()).isEmpty();
		assertThat(this.registry.find(TokenSenseMeters.TOKENS_DETAIL).meters()).isEmpty();
		assertThat(this.registry.find(TokenSenseMeters.COST).meters()).isEmpty();
		assertThat(this.registry.get(TokenSenseMeters.EVENTS_UNPRICED).counters()).singleElement()
			.satisfies((counter) -> {
				assertThat(counter.getId().getTag("reason")).isEqualTo("no_usage");
				assertThat(counter.count()).isOne();
			});
		assertThat(this.registry.get(TokenSenseMeters.CALLS).timers()).hasSize(2);
	}

	@Test
	void countsAnUnknownModelAsUnpricedWithItsTokens() {
		EventBuilder unknown = EventBuilder.event();
		unknown.requestModel = "my-fine-tune";
		unknown.responseModel = "my-fine-tune";
		unknown.costUsd = null;
		unknown.pricingStatus = PricingStatus.UNKNOWN_MODEL;
		this.output.write(List.of(unknown.build()));

		assertThat(this.registry.get(TokenSenseMeters.EVENTS_UNPRICED).tag("reason", "unknown_model")
			.tag("gen_ai.request.model", "my-fine-tune").counter().count()).isOne();
		assertThat(tokens(TokenSenseMeters.TOKENS, "input").totalAmount()).isEqualTo(12);
	}

	@Test
	void timesTheFirstTokenOfStreamsOnly() {
		EventBuilder stream = EventBuilder.event();
		stream.timeToFirstToken = Duration.ofMillis(250);
		this.output.write(List.of(stream.build(), EventBuilder.event().build()));

		Timer timer = this.registry.get(TokenSenseMeters.TIME_TO_FIRST_TOKEN).timer();
		assertThat(timer.count()).isOne();
		assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
	}

	@Test
	void boundsTheErrorTypesButKeepsHttpStatuses() {
		List<CallEvent> events = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			events.add(failed("Failure" + i + "Exception"));
		}
		events.add(failed("Failure0Exception"));
		events.add(failed("503"));
		this.output.write(events);

		Set<String> errorTypes = this.registry.get(TokenSenseMeters.CALLS).timers().stream()
			.map((timer) -> timer.getId().getTag("error.type"))
			.collect(Collectors.toSet());
		assertThat(errorTypes).hasSize(MicrometerOutput.MAX_ERROR_TYPES + 2).contains("other", "503");
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("error.type", "Failure0Exception").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("error.type", "other").timer().count()).isEqualTo(30);
	}

	@Test
	void addsTheUserTagToEveryPerCallMeterWhenAskedTo() {
		MicrometerOutput withUsers = new MicrometerOutput(this.registry, true);
		EventBuilder alice = EventBuilder.event();
		alice.userId = "alice";
		alice.timeToFirstToken = Duration.ofMillis(5);
		withUsers.write(List.of(alice.build(), EventBuilder.event().build()));

		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().getTag("user.id")).as(meter.getId().toString()).isIn("alice", "none");
		}
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("user.id", "alice").timer().count()).isOne();
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("user.id", "none").timer().count()).isOne();
	}

	@Test
	void leavesTheUserOutOfTheTagsByDefault() {
		EventBuilder alice = EventBuilder.event();
		alice.userId = "alice";
		this.output.write(List.of(alice.build()));

		assertThat(this.registry.getMeters()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("user.id")).isNull());
	}

	@Test
	void skipsAnEventItCannotRecordWithoutFailingTheBatch() {
		// a meter of another type under the same id: Micrometer refuses the timer
		Counter.builder(TokenSenseMeters.CALLS)
			.tags("gen_ai.provider.name", "anthropic", "gen_ai.operation.name", "messages", "gen_ai.request.model",
					"claude-sonnet-4-6", "gen_ai.response.model", "claude-sonnet-4-6", "status", "success",
					"error.type", "none")
			.register(this.registry);
		EventBuilder other = EventBuilder.event();
		other.requestModel = "claude-haiku-4-5";

		assertThatNoException().isThrownBy(() -> this.output.write(List.of(EventBuilder.event().build(), other.build())));
		assertThat(this.registry.get(TokenSenseMeters.CALLS).tag("gen_ai.request.model", "claude-haiku-4-5").timer()
			.count()).isOne();
	}

	@Test
	void isNamedMicrometer() {
		assertThat(this.output.name()).isEqualTo("micrometer");
	}

	private static CallEvent failed(String errorType) {
		EventBuilder event = EventBuilder.event().noUsage();
		event.status = CallStatus.ERROR;
		event.errorType = errorType;
		return event.build();
	}

	private DistributionSummary tokens(String name, String type) {
		return this.registry.get(name).tag("gen_ai.token.type", type).summary();
	}

	private static double sum(List<CallEvent> events, Function<CallEvent, Long> field) {
		return events.stream().mapToLong(field::apply).sum();
	}

	private Set<Set<String>> tagKeySets(String name) {
		return this.registry.find(name).meters().stream()
			.map((meter) -> meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
			.collect(Collectors.toSet());
	}

	private static Set<String> with(Set<String> common, String... more) {
		Set<String> keys = new HashSet<>(common);
		keys.addAll(List.of(more));
		return keys;
	}

}
