package io.tokensense;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Scopes of different origins rank by origin, whatever order they were opened in. */
class TokenSenseContextOriginTest {

	@Test
	void aScopeOpenedInCodeWinsOverAMethodScopeOpenedInsideIt() {
		try (var code = TokenSenseContext.userId("code").tags("c").open()) {
			try (var method = TokenSenseContext.userId("method").sessionId("m-session").tags("m")
				.open(TokenSenseContext.Origin.METHOD)) {
				assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("code", "m-session", List.of("c", "m")));
			}
			assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("code", null, List.of("c")));
		}
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
	}

	@Test
	void theRequestRanksLowestAndInnerScopesOfOneOriginWin() {
		try (var request = TokenSenseContext.userId("alice").sessionId("s").tags("handler")
			.open(TokenSenseContext.Origin.REQUEST)) {
			try (var outer = TokenSenseContext.userId("outer").tags("o").open(TokenSenseContext.Origin.METHOD)) {
				try (var inner = TokenSenseContext.userId("inner").tags("i").open(TokenSenseContext.Origin.METHOD)) {
					try (var late = TokenSenseContext.userId("late-request").open(TokenSenseContext.Origin.REQUEST)) {
						assertThat(TokenSenseContext.current())
							.isEqualTo(new Attribution("inner", "s", List.of("i", "o", "handler")));
					}
					assertThat(TokenSenseContext.current())
						.isEqualTo(new Attribution("inner", "s", List.of("i", "o", "handler")));
				}
			}
			assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("alice", "s", List.of("handler")));
		}
	}

	@Test
	void closingAScopeOfAnyOriginInAnyOrderLeavesWhatIsStillOpen() {
		var request = TokenSenseContext.userId("alice").tags("r").open(TokenSenseContext.Origin.REQUEST);
		var code = TokenSenseContext.userId("code").tags("c").open();
		var method = TokenSenseContext.userId("method").sessionId("m").tags("m").open(TokenSenseContext.Origin.METHOD);
		assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("code", "m", List.of("c", "m", "r")));

		code.close();
		assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("method", "m", List.of("m", "r")));
		request.close();
		assertThat(TokenSenseContext.current()).isEqualTo(new Attribution("method", "m", List.of("m")));
		method.close();
		assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
	}

}
