package io.tokensense.output;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.support.RateLimitedLogger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each event on a Micrometer {@link MeterRegistry}: the per-call meters of
 * {@link TokenSenseMeters} (tokens, detail tokens, calls, cost, time to first token, unpriced
 * calls). Events without usage record nothing on the token meters.
 *
 * <p>Meters are looked up once per tuple of common tags and then cached, so recording an event
 * costs a map lookup and a few meter updates. {@link #write} never throws: meters are not
 * idempotent, and a retried batch would count its events twice; a meter that cannot be
 * recorded (e.g. another library registered the same name with other tag keys) is logged at
 * most once a minute and skipped.
 */
public final class MicrometerOutput implements CallEventOutput {

	/** How many distinct exception class names {@code error.type} takes before {@code other}. */
	public static final int MAX_ERROR_TYPES = 50;

	private static final Logger logger = LoggerFactory.getLogger(MicrometerOutput.class);

	private final MeterRegistry registry;

	private final boolean userTag;

	private final ConcurrentMap<TagTuple, CallMeters> meters = new ConcurrentHashMap<>();

	private final BoundedErrorTypes errorTypes = new BoundedErrorTypes(MAX_ERROR_TYPES);

	private final RateLimitedLogger failures = new RateLimitedLogger(logger, Duration.ofMinutes(1));

	/**
	 * Creates an output without the {@code user.id} tag.
	 * @param registry where the meters go
	 */
	public MicrometerOutput(MeterRegistry registry) {
		this(registry, false);
	}

	/**
	 * Creates an output.
	 * @param registry where the meters go
	 * @param userTag whether every per-call meter carries the {@code user.id} tag; each
	 * distinct user makes new time series
	 */
	public MicrometerOutput(MeterRegistry registry, boolean userTag) {
		this.registry = registry;
		this.userTag = userTag;
	}

	@Override
	public void write(List<CallEvent> batch) {
		for (CallEvent event : batch) {
			try {
				record(event);
			}
			catch (RuntimeException ex) {
				this.failures.warn("TokenSense could not record a call on Micrometer meters: {}", ex.toString());
			}
		}
	}

	@Override
	public String name() {
		return BuiltInOutput.MICROMETER.outputName();
	}

	private void record(CallEvent event) {
		CallMeters meters = metersOf(event);
		if (event.status() == CallStatus.SUCCESS) {
			meters.succeeded().record(event.latency());
		}
		else {
			String status = event.status().name().toLowerCase(Locale.ROOT);
			meters.calls(new CallMeters.Outcome(status, this.errorTypes.tagValue(event.errorType())))
				.record(event.latency());
		}
		recordTokens(event, meters);
		BigDecimal cost = event.costUsd();
		if (cost != null) {
			meters.cost().increment(cost.doubleValue());
		}
		Duration timeToFirstToken = event.timeToFirstToken();
		if (timeToFirstToken != null) {
			meters.timeToFirstToken().record(timeToFirstToken);
		}
		if (event.isSuccess() && event.pricingStatus() == PricingStatus.UNKNOWN_MODEL) {
			meters.unknownModel().increment();
		}
		else if (event.isSuccess() && event.pricingStatus() == PricingStatus.NO_USAGE) {
			meters.noUsage().increment();
		}
	}

	private static void recordTokens(CallEvent event, CallMeters meters) {
		Long input = event.inputTokens();
		if (input != null) {
			meters.input().record(input);
		}
		Long output = event.outputTokens();
		if (output != null) {
			meters.output().record(output);
		}
		Long cacheRead = event.cacheReadTokens();
		if (cacheRead != null) {
			meters.cacheRead().record(cacheRead);
		}
		Long cacheWrite = event.cacheWriteTokens();
		if (cacheWrite != null) {
			meters.cacheWrite().record(cacheWrite);
		}
		Long reasoning = event.reasoningTokens();
		if (reasoning != null) {
			meters.reasoning().record(reasoning);
		}
	}

	private CallMeters metersOf(CallEvent event) {
		TagTuple tuple = new TagTuple(event.provider(), event.operation(), orNone(event.requestModel()),
				orNone(event.responseModel()), this.userTag ? orNone(event.userId()) : null);
		CallMeters found = this.meters.get(tuple);
		return (found != null) ? found : this.meters.computeIfAbsent(tuple, this::create);
	}

	private CallMeters create(TagTuple tuple) {
		Tags tags = Tags.of(TokenSenseMeters.PROVIDER, tuple.provider(), TokenSenseMeters.OPERATION,
				tuple.operation(), TokenSenseMeters.REQUEST_MODEL, tuple.requestModel(),
				TokenSenseMeters.RESPONSE_MODEL, tuple.responseModel());
		if (tuple.userId() != null) {
			tags = tags.and(TokenSenseMeters.USER_ID, tuple.userId());
		}
		return new CallMeters(this.registry, tags);
	}

	private static String orNone(@Nullable String value) {
		return (value == null || value.isEmpty()) ? TokenSenseMeters.NONE : value;
	}

	/** The common tag values of a call; {@code userId} is {@code null} when the tag is off. */
	private record TagTuple(String provider, String operation, String requestModel, String responseModel,
			@Nullable String userId) {
	}

}
