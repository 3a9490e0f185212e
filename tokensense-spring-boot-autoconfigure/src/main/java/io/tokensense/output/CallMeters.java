package io.tokensense.output;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one tuple of common tags (provider, operation, models, optionally user).
 * Each meter is registered on first use, so that a tuple that never streams has no
 * time-to-first-token series and a priced one no unpriced series. Registering is idempotent
 * in Micrometer, so two threads racing to register the same meter get the same one.
 */
final class CallMeters {

	private static final String DETAIL = "Cache and reasoning tokens per LLM call: subsets of input and output";

	private final MeterRegistry registry;

	private final Tags tags;

	private final Map<Outcome, Timer> calls = new ConcurrentHashMap<>();

	private volatile @Nullable Timer succeeded;

	private volatile @Nullable DistributionSummary input;

	private volatile @Nullable DistributionSummary output;

	private volatile @Nullable DistributionSummary cacheRead;

	private volatile @Nullable DistributionSummary cacheWrite;

	private volatile @Nullable DistributionSummary reasoning;

	private volatile @Nullable Counter cost;

	private volatile @Nullable Timer timeToFirstToken;

	private volatile @Nullable Counter unknownModel;

	private volatile @Nullable Counter noUsage;

	CallMeters(MeterRegistry registry, Tags tags) {
		this.registry = registry;
		this.tags = tags;
	}

	Timer succeeded() {
		Timer timer = this.succeeded;
		if (timer == null) {
			timer = calls(new Outcome("success", TokenSenseMeters.NONE));
			this.succeeded = timer;
		}
		return timer;
	}

	Timer calls(Outcome outcome) {
		return this.calls.computeIfAbsent(outcome, (key) -> Timer.builder(TokenSenseMeters.CALLS)
			.description("LLM calls and their latency, by outcome")
			.tags(this.tags)
			.tag(TokenSenseMeters.STATUS, key.status())
			.tag(TokenSenseMeters.ERROR_TYPE, key.errorType())
			.register(this.registry));
	}

	DistributionSummary input() {
		DistributionSummary summary = this.input;
		if (summary == null) {
			summary = tokens(TokenSenseMeters.TOKENS, "input", "Tokens per LLM call, by token type");
			this.input = summary;
		}
		return summary;
	}

	DistributionSummary output() {
		DistributionSummary summary = this.output;
		if (summary == null) {
			summary = tokens(TokenSenseMeters.TOKENS, "output", "Tokens per LLM call, by token type");
			this.output = summary;
		}
		return summary;
	}

	DistributionSummary cacheRead() {
		DistributionSummary summary = this.cacheRead;
		if (summary == null) {
			summary = tokens(TokenSenseMeters.TOKENS_DETAIL, "cache_read", DETAIL);
			this.cacheRead = summary;
		}
		return summary;
	}

	DistributionSummary cacheWrite() {
		DistributionSummary summary = this.cacheWrite;
		if (summary == null) {
			summary = tokens(TokenSenseMeters.TOKENS_DETAIL, "cache_write", DETAIL);
			this.cacheWrite = summary;
		}
		return summary;
	}

	DistributionSummary reasoning() {
		DistributionSummary summary = this.reasoning;
		if (summary == null) {
			summary = tokens(TokenSenseMeters.TOKENS_DETAIL, "reasoning", DETAIL);
			this.reasoning = summary;
		}
		return summary;
	}

	Counter cost() {
		Counter counter = this.cost;
		if (counter == null) {
			counter = Counter.builder(TokenSenseMeters.COST)
				.description("What priced LLM calls cost, in US dollars")
				.baseUnit("usd")
				.tags(this.tags)
				.register(this.registry);
			this.cost = counter;
		}
		return counter;
	}

	Timer timeToFirstToken() {
		Timer timer = this.timeToFirstToken;
		if (timer == null) {
			timer = Timer.builder(TokenSenseMeters.TIME_TO_FIRST_TOKEN)
				.description("Time until a streamed LLM response's first chunk")
				.tags(this.tags)
				.register(this.registry);
			this.timeToFirstToken = timer;
		}
		return timer;
	}

	Counter unknownModel() {
		Counter counter = this.unknownModel;
		if (counter == null) {
			counter = unpriced("unknown_model");
			this.unknownModel = counter;
		}
		return counter;
	}

	Counter noUsage() {
		Counter counter = this.noUsage;
		if (counter == null) {
			counter = unpriced("no_usage");
			this.noUsage = counter;
		}
		return counter;
	}

	private DistributionSummary tokens(String name, String type, String description) {
		return DistributionSummary.builder(name)
			.description(description)
			.baseUnit("tokens")
			.tags(this.tags)
			.tag(TokenSenseMeters.TOKEN_TYPE, type)
			.register(this.registry);
	}

	private Counter unpriced(String reason) {
		return Counter.builder(TokenSenseMeters.EVENTS_UNPRICED)
			.description("Successful LLM calls without a cost, by reason")
			.baseUnit("calls")
			.tags(this.tags)
			.tag(TokenSenseMeters.REASON, reason)
			.register(this.registry);
	}

	/** The status and error-type tags of one {@code tokensense.calls} timer. */
	record Outcome(String status, String errorType) {
	}

}
