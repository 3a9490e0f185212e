package io.tokensense.internal.recording;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids as time-ordered UUIDs (version 7): 48 bits of the call's start in milliseconds,
 * then 74 random bits. Two ids collide only when two calls start in the same millisecond and
 * draw the same 74 bits. Unlike {@link UUID#randomUUID()}, this never touches
 * {@code SecureRandom} on the caller's thread, and ids inserted into the JDBC table arrive in
 * roughly ascending order, which keeps its primary key index compact.
 */
final class EventIds {

	private static final long VERSION_7 = 0x7000L;

	private static final long VARIANT_RFC_4122 = 0x8000_0000_0000_0000L;

	private EventIds() {
	}

	static UUID next(Instant timestamp) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = timestamp.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
		long high = (millis << 16) | VERSION_7 | (random.nextLong() & 0x0FFFL);
		long low = VARIANT_RFC_4122 | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
		return new UUID(high, low);
	}

}
