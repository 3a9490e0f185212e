package io.tokensense.internal.recording;

import java.time.Instant;
import java.util.UUID;

/**
 * The benchmarks' way in to package-private parts of the recording core (the same package
 * on the class path), so that a part is measured as the product runs it rather than a
 * stand-in. Not part of the product.
 */
public final class BenchmarkAccess {

	private BenchmarkAccess() {
	}

	/** The event id the recording core generates for a call starting at {@code timestamp}. */
	public static UUID eventId(Instant timestamp) {
		return EventIds.next(timestamp);
	}

}
