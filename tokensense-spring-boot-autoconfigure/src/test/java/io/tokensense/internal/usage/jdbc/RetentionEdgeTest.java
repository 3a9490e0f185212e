package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import io.tokensense.internal.jdbc.TableName;
import io.tokensense.internal.usage.UsageDimension;
import io.tokensense.internal.usage.UsageQuery;
import io.tokensense.internal.usage.UsageRow;
import io.tokensense.internal.usage.UsageTotals;
import io.tokensense.output.JdbcOutput;
import io.tokensense.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window starting just after the oldest rows retention keeps: the roll-ups' whole hours may
 * not reach back before that start and take the overshoot away from rows that are gone, so the
 * report still counts exactly the calls of the window, all of whose rows are kept.
 */
class RetentionEdgeTest {

	@Test
	void aStartJustAfterTheKeptRowsIsNotRoundedDownPastThem() throws Exception {
		Instant now = Instant.now();
		// the oldest kept rows start 20 minutes into an hour: the nearest hour to a start 5 minutes later is before them
		Instant keptSince = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5)).plus(Duration.ofMinutes(20));
		Duration retention = Duration.between(keptSince, now);
		Instant since = keptSince.plus(Duration.ofMinutes(5));
		List<CallEvent> events = events(now, new Random(7));
		try (TestDatabase db = TestDatabase.h2()) {
			String table = db.uniqueTable();
			JdbcOutput output = JdbcOutput.builder(db.dataSource()).table(table).build();
			output.write(events);
			// what retention does: the rows go, the roll-ups and running totals stay
			db.execute("DELETE FROM " + table + " WHERE timestamp < TIMESTAMP WITH TIME ZONE '"
					+ keptSince.toString().replace('T', ' ').replace("Z", "+00") + "'");
			JdbcUsageStore store = new JdbcUsageStore(db.dataSource(), TableName.of(table), retention);
			UsageQuery query = new UsageQuery(since, now, null, null, null);

			UsageTotals totals = store.totals(query);
			List<UsageRow> users = store.breakdown(query, UsageDimension.USER);

			List<CallEvent> inWindow = events.stream().filter(query::matches).toList();
			assertThat(totals.calls()).isEqualTo(inWindow.size());
			assertThat(totals.inputTokens()).isEqualTo(inWindow.stream().mapToLong(CallEvent::inputTokens).sum());
			assertThat(totals.costUsd()).isEqualByComparingTo(
					inWindow.stream().map(CallEvent::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
			Map<String, Long> callsByUser = new TreeMap<>();
			inWindow.forEach((event) -> callsByUser.merge(event.userId(), 1L, Long::sum));
			Map<String, Long> reported = new TreeMap<>();
			users.forEach((row) -> reported.put(row.key(), row.calls()));
			assertThat(reported).isEqualTo(callsByUser);
		}
	}

	/** A priced call every 20 seconds over the last 8 hours, from three users. */
	private static List<CallEvent> events(Instant now, Random random) {
		List<CallEvent> events = new ArrayList<>();
		for (Instant at = now.minus(Duration.ofHours(8)); at.isBefore(now); at = at.plusSeconds(20)) {
			events.add(new CallEvent(UUID.randomUUID(), at, "openai", "chat", "gpt-4o-mini", null,
					(long) random.nextInt(1_000), 10L, 0L, 0L, 0L, null, BigDecimal.valueOf(random.nextInt(1_000_000), 9),
					PricingStatus.PRICED, Duration.ofMillis(100), null, false, CallStatus.SUCCESS, null,
					"user-" + random.nextInt(3), null, List.of(), null, null, null, null));
		}
		return events;
	}

}
