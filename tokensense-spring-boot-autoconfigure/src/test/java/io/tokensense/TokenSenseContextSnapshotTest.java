package io.tokensense;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots carry a thread's scopes, with their ranks, to another thread. */
class TokenSenseContextSnapshotTest {

	private final TokenSenseThreadLocalAccessor accessor = new TokenSenseThreadLocalAccessor();

	@Test
	void aSnapshotReopensTheScopesOnAnotherThreadWithTheirRanks() throws Exception {
		TokenSenseContext.Snapshot snapshot;
		try (var request = TokenSenseContext.userId("alice").sessionId("s").tags("r").open(TokenSenseContext.Origin.REQUEST);
				var code = TokenSenseContext.userId("explicit").tags("c").open()) {
			snapshot = TokenSenseContext.snapshot();
		}
		Attribution seen = CompletableFuture.supplyAsync(() -> {
			try (var reopened = snapshot.open();
					var method = TokenSenseContext.userId("method").tags("m").open(TokenSenseContext.Origin.METHOD)) {
				return TokenSenseContext.current();
			}
		}).get();

		assertThat(seen).isEqualTo(new Attribution("explicit", "s", List.of("c", "m", "r")));
	}

	@Test
	void closingTheReopenedScopeClosesAllOfIt() {
		TokenSenseContext.Snapshot snapshot = TokenSenseContext.Snapshot.EMPTY
			.with(TokenSenseContext.Origin.REQUEST, new Attribution("alice", null, List.of("r")))
			.with(TokenSenseContext.Origin.METHOD, new Attribution("bob", null, List.of("m")));

		try (var reopened = snapshot.open()) {
			assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("bob", null, List.of("m", "r")));
		}
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
	}

	@Test
	void anEmptySnapshotOpensNothing() {
		assertThat(TokenSenseContext.snapshot().isEmpty()).isTrue();
		try (var nothing = TokenSenseContext.snapshot().open()) {
			assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
		}
	}

	@Test
	void theAccessorStandsInForTheThreadsScopesAndPutsThemBackUntouched() {
		TokenSenseContext.Snapshot carried = TokenSenseContext.Snapshot.EMPTY.with(TokenSenseContext.Origin.CODE,
				new Attribution("carried", null, List.of()));
		try (var own = TokenSenseContext.userId("own").open()) {
			TokenSenseContext.Snapshot previous = this.accessor.getValue();
			this.accessor.setValue(carried);
			assertThat(TokenSenseContext.current().userId()).isEqualTo("carried");
			try (var inner = TokenSenseContext.tags("inner").open()) {
				assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("carried", null, List.of("inner")));
			}
			this.accessor.restore(previous);
			assertThat(TokenSenseContext.current().userId()).isEqualTo("own");
		}
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
	}

	@Test
	void aContextWithoutAttributionClearsItWhileInPlace() {
		try (var own = TokenSenseContext.userId("own").open()) {
			this.accessor.setValue();
			assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
			this.accessor.restore();
			assertThat(TokenSenseContext.current().userId()).isEqualTo("own");
		}
	}

	@Test
	void aThreadWithoutScopesHasNoValueToCapture() {
		assertThat(this.accessor.getValue()).isNull();
		this.accessor.setValue(TokenSenseContext.Snapshot.EMPTY.with(TokenSenseContext.Origin.CODE,
				new Attribution("carried", null, List.of())));
		this.accessor.restore();
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
		assertThat(this.accessor.getValue()).isNull();
	}

}
