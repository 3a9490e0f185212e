package io.tokensense.internal.pipeline;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

	@Test
	void defaultPausesGrowFourfoldFromOneHundredMillisecondsUpToTwoSeconds() {
		assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
		assertThat(RetryPolicy.DEFAULT.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(RetryPolicy.DEFAULT.backoffAfter(2)).isEqualTo(Duration.ofMillis(400));
		assertThat(RetryPolicy.DEFAULT.backoffAfter(3)).isEqualTo(Duration.ofMillis(1600));
		assertThat(RetryPolicy.DEFAULT.backoffAfter(4)).isEqualTo(Duration.ofSeconds(2));
		assertThat(RetryPolicy.DEFAULT.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void capsEveryPolicysPausesAtTwoSeconds() {
		assertThat(RetryPolicy.MAX_BACKOFF).isEqualTo(Duration.ofSeconds(2));
		assertThat(new RetryPolicy(100, Duration.ofSeconds(1), 10).backoffAfter(50)).isEqualTo(Duration.ofSeconds(2));
		assertThat(new RetryPolicy(100, Duration.ofMinutes(5), 1).backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 1))
			.withMessage("maxAttempts must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), 1))
			.withMessageStartingWith("initialBackoff must not be null or negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 0.5))
			.withMessage("multiplier must be a finite number of at least 1, was 0.5");
	}

}
