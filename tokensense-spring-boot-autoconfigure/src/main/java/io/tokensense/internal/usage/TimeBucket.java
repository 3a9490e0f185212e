package io.tokensense.internal.usage;

import java.time.Instant;
import java.util.List;

/**
 * One bucket of a time series.
 *
 * @param start the bucket's first instant (aligned to the interval since the epoch)
 * @param byModel sums per requested model in the bucket, highest cost first
 */
public record TimeBucket(Instant start, List<UsageRow> byModel) {
}
