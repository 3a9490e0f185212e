package io.tokensense.output;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.tokensense.CallStatus;
import io.tokensense.PricingStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleOutputTest {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final ConsoleOutput output = new ConsoleOutput(new PrintStream(this.bytes, true, StandardCharsets.UTF_8));

	@Test
	void printsAPricedCall() {
		assertThat(print(EventBuilder.event())).isEqualTo("model=claude-sonnet-4-6 | in=12 out=24 tokens | $0.0004 | 847ms");
	}

	@Test
	void printsATinyCostWithEnoughDigitsToShowIt() {
		EventBuilder event = EventBuilder.event();
		event.costUsd = new BigDecimal("0.0000123");
		assertThat(print(event)).isEqualTo("model=claude-sonnet-4-6 | in=12 out=24 tokens | $0.000012 | 847ms");
		event.costUsd = new BigDecimal("1E-7");
		assertThat(print(event)).isEqualTo("model=claude-sonnet-4-6 | in=12 out=24 tokens | $0.0000001 | 847ms");
		event.costUsd = BigDecimal.ZERO;
		assertThat(print(event)).isEqualTo("model=claude-sonnet-4-6 | in=12 out=24 tokens | $0.0000 | 847ms");
	}

	@Test
	void printsAnUnknownModelWithoutACost() {
		EventBuilder event = EventBuilder.event();
		event.responseModel = null;
		event.requestModel = "my-finetune";
		event.costUsd = null;
		event.pricingStatus = PricingStatus.UNKNOWN_MODEL;
		assertThat(print(event)).isEqualTo("model=my-finetune | in=12 out=24 tokens | $? (unknown_model) | 847ms");
	}

	@Test
	void printsACallWithoutUsage() {
		EventBuilder event = EventBuilder.event().noUsage();
		event.latency = Duration.ofMillis(12);
		assertThat(print(event)).isEqualTo("model=claude-sonnet-4-6 | in=? out=? tokens | $? (no_usage) | 12ms");
	}

	@Test
	void printsAFailedCallWithItsErrorType() {
		EventBuilder event = EventBuilder.event().noUsage();
		event.responseModel = null;
		event.status = CallStatus.ERROR;
		event.errorType = "429";
		assertThat(print(event))
			.isEqualTo("model=claude-sonnet-4-6 | in=? out=? tokens | $? (no_usage) | 847ms | ERROR 429");
	}

	@Test
	void printsACancelledCallAndWhoMadeIt() {
		EventBuilder event = EventBuilder.event();
		event.status = CallStatus.CANCELLED;
		event.userId = "alice";
		event.sessionId = "s-1";
		assertThat(print(event)).isEqualTo(
				"model=claude-sonnet-4-6 | in=12 out=24 tokens | $0.0004 | 847ms | CANCELLED | user=alice session=s-1");
	}

	@Test
	void printsOneLinePerEvent() {
		EventBuilder event = EventBuilder.event();
		this.output.write(List.of(event.build(), event.build()));
		assertThat(this.bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
		assertThat(this.output.name()).isEqualTo("console");
	}

	private String print(EventBuilder event) {
		this.bytes.reset();
		this.output.write(List.of(event.build()));
		return this.bytes.toString(StandardCharsets.UTF_8).stripTrailing();
	}

}
