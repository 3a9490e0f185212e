package io.tokensense.internal.jdbc;

import java.math.BigDecimal;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change one batch makes to a user's running totals, in the cases the writer must get
 * right without a database: a new user, the common batch in the current spacing, a user back
 * after a month, and late calls before the first and amid the kept checkpoints.
 */
class UserCheckpointChangeTest {

	private static final long S = UserCheckpoints.SPACING_SECONDS;

	/** A spacing well after the epoch: checkpoints are multiples of S from there. */
	private static final long T = 1_000_000 * S;

	@Test
	void aNewUsersCheckpointsAreThoseBetweenItsFirstAndLastSpacing() {
		UserCheckpointChange change = UserCheckpointChange.of(null, spacings(T, 1, T + 2 * S, 10));
		assertThat(change.first()).isEqualTo(T + S);
		assertThat(change.last()).isEqualTo(T + 2 * S);
		assertThat(change.writes()).containsExactly(new UserCheckpointChange.Checkpoint(T + S, calls(1)),
				new UserCheckpointChange.Checkpoint(T + 2 * S, calls(1)));
		assertThat(change.additions()).isEmpty();
		assertThat(change.added()).isEqualTo(calls(11));
	}

	@Test
	void callsInTheCurrentSpacingChangeNoCheckpoint() {
		UserCheckpointChange change = UserCheckpointChange.of(totals(T - 5 * S, T, 40), spacings(T, 3));
		assertThat(change.first()).isEqualTo(T - 5 * S);
		assertThat(change.last()).isEqualTo(T);
		assertThat(change.writes()).isEmpty();
		assertThat(change.additions()).isEmpty();
	}

	@Test
	void aUserBackAfterAMonthGetsEveryMissingCheckpointAtOnce() {
		long month = 30 * 8;
		UserCheckpointChange change = UserCheckpointChange.of(totals(T - 5 * S, T, 40), spacings(T + month * S, 2));
		assertThat(change.last()).isEqualTo(T + month * S);
		assertThat(change.writes()).hasSize((int) month)
			.allSatisfy((checkpoint) -> assertThat(checkpoint.sums()).isEqualTo(calls(40)));
		assertThat(change.writes().get(0).at()).isEqualTo(T + S);
	}

	@Test
	void lateCallsCountInEveryCheckpointAfterThemAndMoveTheFirstBack() {
		// kept: T - 5S .. T; late calls in the spacings T - 8S (before the first) and T - 3S, a new one at T + S
		UserCheckpointChange change = UserCheckpointChange.of(totals(T - 5 * S, T, 40),
				spacings(T - 8 * S, 1, T - 3 * S, 2, T + S, 4));
		assertThat(change.first()).isEqualTo(T - 7 * S);
		assertThat(change.last()).isEqualTo(T + S);
		assertThat(change.writes()).containsExactly(new UserCheckpointChange.Checkpoint(T - 7 * S, calls(1)),
				new UserCheckpointChange.Checkpoint(T - 6 * S, calls(1)),
				new UserCheckpointChange.Checkpoint(T + S, calls(40 + 1 + 2)));
		assertThat(change.additions()).containsExactly(new UserCheckpointChange.Addition(T - 6 * S, T - 3 * S, calls(1)),
				new UserCheckpointChange.Addition(T - 3 * S, T, calls(3)));
	}

	private static NavigableMap<Long, RollupKey.Sums> spacings(long... startsAndCalls) {
		NavigableMap<Long, RollupKey.Sums> spacings = new TreeMap<>();
		for (int i = 0; i < startsAndCalls.length; i += 2) {
			spacings.put(startsAndCalls[i], calls(startsAndCalls[i + 1]));
		}
		return spacings;
	}

	private static UserCheckpointChange.UserTotals totals(long first, long last, long calls) {
		return new UserCheckpointChange.UserTotals(first, last, calls(calls));
	}

	private static RollupKey.Sums calls(long calls) {
		return new RollupKey.Sums(calls, 0, 0, 10 * calls, 0, 0, 0, 0, BigDecimal.valueOf(calls, 3));
	}

}
