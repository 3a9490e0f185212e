package io.tokensense.internal.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tokensense.testsupport.Events;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MemoryUsageStoreTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private final MemoryUsageStore store = new MemoryUsageStore(100);

	@Test
	void sumsTokensCostErrorsAndUnpricedCalls() {
		this.store.write(List.of(Events.priced(NOW.minusSeconds(60), "gpt-4o", "alice", 1000, 100, "0.0035"),
				Events.failed(NOW.minusSeconds(50), "gpt-4o", "alice", "429"),
				Events.unknownModel(NOW.minusSeconds(40), "mystery", "bob")));

		UsageTotals totals = this.store.totals(all());

		assertThat(totals.calls()).isEqualTo(3);
		assertThat(totals.errors()).isEqualTo(1);
		assertThat(totals.unpricedCalls()).isEqualTo(1);
		assertThat(totals.inputTokens()).isEqualTo(1010);
		assertThat(totals.outputTokens()).isEqualTo(105);
		assertThat(totals.costUsd()).isEqualByComparingTo("0.0035");
	}

	@Test
	void sortsBreakdownsByCostAndCountsEachTag() {
		this.store.write(List.of(Events.priced(NOW.minusSeconds(9), "gpt-4o-mini", "bob", 10, 1, "0.0001", "a"),
				Events.priced(NOW.minusSeconds(8), "gpt-4o", "alice", 10, 1, "0.002", "a", "b"),
				Events.priced(NOW.minusSeconds(7), "gpt-4o", null, 10, 1, "0.003")));

		assertThat(this.store.breakdown(all(), UsageDimension.MODEL)).extracting(UsageRow::key)
			.containsExactly("gpt-4o", "gpt-4o-mini");
		assertThat(this.store.breakdown(all(), UsageDimension.USER)).extracting(UsageRow::key)
			.containsExactly(UsageRow.NONE, "alice", "bob");
		assertThat(this.store.breakdown(all(), UsageDimension.TAG)).extracting(UsageRow::key, UsageRow::calls)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2L), org.assertj.core.groups.Tuple.tuple("b", 1L));
	}

	@Test
	void filtersBySinceUserSessionAndTag() {
		this.store.write(List.of(Events.priced(NOW.minus(Duration.ofHours(30)), "gpt-4o", "alice", 1, 1, "1"),
				Events.priced(NOW.minusSeconds(5), "gpt-4o", "alice", 1, 1, "2", "beta"),
				Events.priced(NOW.minusSeconds(4), "gpt-4o", "bob", 1, 1, "4")));

		assertThat(this.store.totals(UsageQuery.of("PT24H", null, null, null, NOW)).costUsd()).isEqualByComparingTo("6");
		assertThat(this.store.totals(UsageQuery.of(null, "alice", null, null, NOW)).costUsd()).isEqualByComparingTo("3");
		assertThat(this.store.totals(UsageQuery.of(null, null, null, "beta", NOW)).calls()).isEqualTo(1);
		assertThat(this.store.totals(UsageQuery.of("2026-11-27T11:59:55.5Z", null, null, null, NOW)).calls())
			.isEqualTo(1);
	}

	@Test
	void matchesTagsAsWholeElements() {
		this.store.write(List.of(Events.priced(NOW.minusSeconds(5), "gpt-4o", "a", 1, 1, "1", "a\"b"),
				Events.priced(NOW.minusSeconds(4), "gpt-4o", "a", 1, 1, "2", "b")));

		assertThat(this.store.totals(UsageQuery.of(null, null, null, "b", NOW)).costUsd()).isEqualByComparingTo("2");
	}

	@Test
	void filtersAndGroupsUsersAsTheTableStoresThem() {
		String longUser = "u".repeat(300);
		this.store.write(List.of(Events.priced(NOW.minusSeconds(5), "gpt-4o", longUser, 1, 1, "1")));

		assertThat(this.store.totals(UsageQuery.of(null, longUser, null, null, NOW)).calls()).isEqualTo(1);
		assertThat(this.store.totals(UsageQuery.of(null, "u".repeat(255), null, null, NOW)).calls()).isEqualTo(1);
		assertThat(this.store.breakdown(all(), UsageDimension.USER)).extracting(UsageRow::key)
			.containsExactly("u".repeat(255));
	}

	@Test
	void findsAUserWhoseIdHeldUPlus0000ByTheIdAsGiven() {
		String user = "nul\u0000user";
		this.store.write(List.of(Events.priced(NOW.minusSeconds(5), "gpt-4o", user, 1, 1, "1")));

		assertThat(this.store.totals(UsageQuery.of(null, user, null, null, NOW)).calls()).isEqualTo(1);
		assertThat(this.store.breakdown(all(), UsageDimension.USER)).extracting(UsageRow::key)
			.containsExactly("nuluser");
	}

	@Test
	void forgetsTheOldestEventsPastItsCapacity() {
		MemoryUsageStore small = new MemoryUsageStore(3);
		for (int i = 1; i <= 5; i++) {
			small.write(List.of(Events.priced(NOW.minusSeconds(10 - i), "gpt-4o", "u" + i, 1, 1, "0.1")));
		}
		assertThat(small.totals(all()).calls()).isEqualTo(3);
		assertThat(small.breakdown(all(), UsageDimension.USER)).extracting(UsageRow::key)
			.containsExactlyInAnyOrder("u3", "u4", "u5");
	}

	@Test
	void bucketsATimeSeriesPerModel() {
		this.store.write(List.of(Events.priced(Instant.parse("2026-11-27T10:10:00Z"), "gpt-4o", "a", 1, 1, "1"),
				Events.priced(Instant.parse("2026-11-27T10:50:00Z"), "gpt-4o", "a", 1, 1, "2"),
				Events.priced(Instant.parse("2026-11-27T11:05:00Z"), "gpt-4o-mini", "a", 1, 1, "3")));

		List<TimeBucket> series = this.store.timeseries(all(), Duration.ofHours(1));

		assertThat(series).extracting(TimeBucket::start)
			.containsExactly(Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T11:00:00Z"));
		assertThat(series.get(0).byModel()).singleElement()
			.satisfies((row) -> assertThat(row.costUsd()).isEqualByComparingTo("3"));
	}

	@Test
	void refusesAnUnreadableSince() {
		assertThatIllegalArgumentException().isThrownBy(() -> UsageQuery.of("yesterday", null, null, null, NOW))
			.withMessageContaining("PT24H");
		assertThatIllegalArgumentException().isThrownBy(() -> UsageQuery.of(" ", null, null, null, NOW))
			.withMessageContaining("PT24H");
	}

	private static UsageQuery all() {
		return UsageQuery.of(null, null, null, null, NOW);
	}

}
