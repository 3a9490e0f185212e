package io.tokensense.internal.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLoggerTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger(RateLimitedLoggerTest.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final AtomicLong nanos = new AtomicLong(-5_000);

	private final RateLimitedLogger rateLimited = new RateLimitedLogger(this.logger, Duration.ofMinutes(1),
			this.nanos::get);

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
	void logsOncePerIntervalAndCountsWhatItLeftOut() {
		assertThat(this.rateLimited.warn("failed {}", "first")).isTrue();
		assertThat(this.rateLimited.warn("failed {}", "second")).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		assertThat(this.rateLimited.warn("failed {}", "third")).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		IllegalStateException failure = new IllegalStateException("boom");
		assertThat(this.rateLimited.warn("failed {}", "fourth", failure)).isTrue();
		assertThat(this.appender.list).hasSize(2);
		assertThat(this.appender.list).allSatisfy((event) -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
		assertThat(this.appender.list.get(0).getFormattedMessage()).isEqualTo("failed first");
		ILoggingEvent second = this.appender.list.get(1);
		assertThat(second.getFormattedMessage()).isEqualTo("failed fourth (2 similar messages suppressed)");
		assertThat(second.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
	}

}
