package io.tokensense.pipeline;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

	@Test
	void defaultPausesOneHundredThenFourHundredMilliseconds() {
		assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
		assertThat(RetryPolicy.DEFAULT.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(RetryPolicy.DEFAULT.backoffAfter(2)).isEqualTo(Duration.ofMillis(400));
	}

	@Test
	void capsLongPausesAtOneMinute() {
		assertThat(new RetryPolicy(100, Duration.ofSeconds(1), 10).backoffAfter(50)).isEqualTo(Duration.ofMinutes(1));
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
