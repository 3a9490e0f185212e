package io.tokensense;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.tokensense.TokenSenseContext.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scopes nest, and closing them in any order, twice, or on another thread leaves each thread
 * with exactly the scopes still open on it.
 */
class TokenSenseContextTest {

	@AfterEach
	void nothingLeftOpen() {
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
	}

	@Test
	void nestedScopesInheritAndRestoreInOrder() {
		try (Scope outer = TokenSenseContext.userId("alice").sessionId("s-1").tags("a").open()) {
			try (Scope inner = TokenSenseContext.userId("bob").tags("b").open()) {
				assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("bob", "s-1", java.util.List.of("b", "a")));
			}
			assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("alice", "s-1", java.util.List.of("a")));
		}
	}

	@Test
	void closingOutOfOrderLeavesOnlyWhatIsStillOpen() {
		Scope alice = TokenSenseContext.userId("alice").tags("a").open();
		Scope bob = TokenSenseContext.userId("bob").sessionId("s-bob").open();
		alice.close();
		assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("bob", "s-bob", java.util.List.of()));
		bob.close();
		assertThat(TokenSenseContext.current().userId()).isNull();
	}

	@Test
	void closingTwiceIsHarmless() {
		Scope alice = TokenSenseContext.userId("alice").open();
		Scope bob = TokenSenseContext.userId("bob").open();
		bob.close();
		bob.close();
		assertThat(TokenSenseContext.current().userId()).isEqualTo("alice");
		alice.close();
		alice.close();
	}

	@Test
	void closingOnAnotherThreadNeverChangesThatThread() throws Exception {
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Scope alice = TokenSenseContext.userId("alice").open();
			String seenThere = CompletableFuture.supplyAsync(() -> {
				try (Scope carol = TokenSenseContext.userId("carol").open()) {
					alice.close();
					return TokenSenseContext.current().userId();
				}
			}, other).get(10, TimeUnit.SECONDS);
			assertThat(seenThere).isEqualTo("carol");
			// the scope was closed, wherever that happened: this thread no longer carries alice
			assertThat(TokenSenseContext.current().userId()).isNull();
			assertThat(CompletableFuture.supplyAsync(() -> TokenSenseContext.current(), other).get(10, TimeUnit.SECONDS))
				.isEqualTo(Attribution.NONE);
		}
		finally {
			other.shutdownNow();
		}
	}

}
