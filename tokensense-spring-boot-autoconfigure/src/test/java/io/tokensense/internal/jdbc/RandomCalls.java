package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import org.jspecify.annotations.Nullable;

/**
 * Random calls for the running totals' tests: users that differ only in case or a trailing
 * space (MySQL compares such texts as equal), a missing and an empty user, one longer than the
 * column; times around a clock that moves on, some late by up to days, some on an hour or on a
 * checkpoint exactly; errors, cancellations, unpriced calls and costs of 20 decimals.
 */
final class RandomCalls {

	static final Instant START = Instant.parse("2026-11-20T01:17:42.123456Z");

	private static final String[] USERS = { "alice", "Alice", "alice ", "bob", null, "", "u".repeat(300), "carol",
			"dave", "erin" };

	private final Random random;

	private final @Nullable String provider;

	private Instant clock;

	RandomCalls(Random random) {
		this(random, null, Duration.ZERO);
	}

	/**
	 * Calls of one provider only, around a clock behind the others: two writers whose batches
	 * share users but no row of the roll-ups, which would otherwise make one wait for the other.
	 */
	RandomCalls(Random random, @Nullable String provider, Duration behind) {
		this.random = random;
		this.provider = provider;
		this.clock = START.minus(behind);
	}

	/** A batch of calls made around the clock, which then moves on by up to five hours. */
	List<CallEvent> batch(int size) {
		List<CallEvent> events = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			events.add(call(at()));
		}
		this.clock = this.clock.plusSeconds(this.random.nextInt(5 * 3600));
		return events;
	}

	private Instant at() {
		int kind = this.random.nextInt(20);
		Instant at = (kind == 0 && this.provider == null) ? this.clock.minusSeconds(this.random.nextInt(6 * 86_400))
				: this.clock.minusSeconds(this.random.nextInt(3 * 3600));
		at = at.minus(this.random.nextInt(1_000_000), ChronoUnit.MICROS);
		if (kind == 1) {
			return at.truncatedTo(ChronoUnit.HOURS);
		}
		if (kind == 2) {
			long seconds = Math.floorDiv(at.getEpochSecond(), UserCheckpoints.SPACING_SECONDS)
					* UserCheckpoints.SPACING_SECONDS;
			return Instant.ofEpochSecond(seconds);
		}
		return at;
	}

	private CallEvent call(Instant at) {
		CallStatus status = (this.random.nextInt(10) == 0) ? CallStatus.ERROR
				: (this.random.nextInt(20) == 0) ? CallStatus.CANCELLED : CallStatus.SUCCESS;
		boolean priced = status == CallStatus.SUCCESS && this.random.nextInt(8) != 0;
		PricingStatus pricing = priced ? PricingStatus.PRICED
				: this.random.nextBoolean() ? PricingStatus.UNKNOWN_MODEL : PricingStatus.NO_USAGE;
		Long input = (this.random.nextInt(10) == 0) ? null : (long) this.random.nextInt(200_000);
		Long output = (this.random.nextInt(10) == 0) ? null : (long) this.random.nextInt(20_000);
		BigDecimal cost = priced ? BigDecimal.valueOf(this.random.nextLong(1, 50_000_000_000_000_000L), 20)
			.add(BigDecimal.valueOf(this.random.nextInt(100))) : null;
		return new CallEvent(UUID.randomUUID(), at, (this.provider != null) ? this.provider : this.random.nextBoolean() ? "openai" : "anthropic",
				(this.random.nextInt(4) == 0) ? "responses" : "chat", this.random.nextBoolean() ? "gpt-4o" : null, null,
				input, output, this.random.nextBoolean() ? 0L : null, (long) this.random.nextInt(50),
				(long) this.random.nextInt(9), null, cost, pricing, Duration.ofMillis(this.random.nextInt(5_000)), null,
				false, status, (status == CallStatus.ERROR) ? "429" : null, USERS[this.random.nextInt(USERS.length)],
				null, List.of(), null, null, null, null);
	}

}
