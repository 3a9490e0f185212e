package io.tokensense.output;

import java.math.BigDecimal;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokensense.CallStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LogOutputTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.tokensense.events");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final ObjectMapper mapper = new ObjectMapper();

	@BeforeEach
	void captureLogs() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void releaseLogs() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void logsASuccessfulCallAsAJsonLineAtInfo() throws Exception {
		new LogOutput().write(List.of(EventBuilder.event().build()));
		assertThat(this.appender.list).hasSize(1);
		ILoggingEvent line = this.appender.list.get(0);
		assertThat(line.getLevel()).isEqualTo(Level.INFO);
		JsonNode node = this.mapper.readTree(line.getFormattedMessage());
		assertThat(node.get("responseModel").asText()).isEqualTo("claude-sonnet-4-6");
		assertThat(node.get("costUsd").decimalValue()).isEqualByComparingTo("0.000396");
		assertThat(node.get("latencyMs").asLong()).isEqualTo(847);
		assertThat(node.get("status").asText()).isEqualTo("SUCCESS");
	}

	@Test
	void writesMoneyAsPlainDecimals() {
		EventBuilder tiny = EventBuilder.event();
		tiny.costUsd = new BigDecimal("1.5E-7");
		EventBuilder big = EventBuilder.event();
		big.costUsd = new BigDecimal("3E+2");
		new LogOutput().write(List.of(tiny.build(), big.build()));
		assertThat(this.appender.list.get(0).getFormattedMessage()).contains("\"costUsd\":0.00000015,");
		assertThat(this.appender.list.get(1).getFormattedMessage()).contains("\"costUsd\":300,");
	}

	@Test
	void logsFailedAndCancelledCallsAtWarn() throws Exception {
		EventBuilder failed = EventBuilder.event().noUsage();
		failed.status = CallStatus.ERROR;
		failed.errorType = "429";
		EventBuilder cancelled = EventBuilder.event();
		cancelled.status = CallStatus.CANCELLED;
		new LogOutput().write(List.of(failed.build(), cancelled.build()));
		assertThat(this.appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
		JsonNode node = this.mapper.readTree(this.appender.list.get(0).getFormattedMessage());
		assertThat(node.get("status").asText()).isEqualTo("ERROR");
		assertThat(node.get("errorType").asText()).isEqualTo("429");
		assertThat(this.mapper.readTree(this.appender.list.get(1).getFormattedMessage()).get("status").asText())
			.isEqualTo("CANCELLED");
	}

	@Test
	void writesNothingWhenTheLoggerIsOff() {
		Level level = this.logger.getLevel();
		this.logger.setLevel(Level.OFF);
		try {
			new LogOutput().write(List.of(EventBuilder.event().build()));
		}
		finally {
			this.logger.setLevel(level);
		}
		assertThat(this.appender.list).isEmpty();
		assertThat(new LogOutput().name()).isEqualTo("log");
	}

}
