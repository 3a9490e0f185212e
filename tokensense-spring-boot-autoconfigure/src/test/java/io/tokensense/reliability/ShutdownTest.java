package io.tokensense.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application with thousands of events queued behind a blocked output: once the
 * output is released within {@code tokensense.shutdown-timeout}, every event is written; when
 * it never is, what is left is counted as {@code shutdown_timeout} and logged once.
 */
class ShutdownTest {

	private static final int CALLS = 3_000;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenSenseAutoConfiguration.class))
		.withUserConfiguration(BlockedOutputConfiguration.class)
		.withPropertyValues("tokensense.queue.capacity=10000", "tokensense.queue.batch-size=500",
				"tokensense.queue.flush-interval=20ms");

	private final Logger pipelineLogger = (Logger) LoggerFactory.getLogger(EventPipeline.class);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.pipelineLogger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.pipelineLogger.detachAppender(this.log);
	}

	@Test
	void closingTheContextWritesEveryQueuedEventWithinTheShutdownTimeout() {
		this.contextRunner.withPropertyValues("tokensense.shutdown-timeout=60s").run((context) -> {
			BlockedOutput output = context.getBean(BlockedOutput.class);
			EventPipeline pipeline = context.getBean(EventPipeline.class);
			callMany(context.getBean(OpenAIClient.class));
			assertThat(output.entered.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(pipeline.queueSize()).as("events queued behind the blocked output").isPositive();
			Thread releaser = new Thread(() -> {
				Awaitility.await().atMost(Duration.ofMinutes(1)).until(context::isClosed);
				output.release.countDown();
			});
			releaser.start();

			context.close();

			releaser.join(TimeUnit.MINUTES.toMillis(1));
			assertThat(output.events()).isEqualTo(CALLS);
			assertThat(output.distinctIds()).isEqualTo(CALLS);
			assertThat(pipeline.written()).isEqualTo(CALLS);
			assertThat(pipeline.droppedByReason().values()).allMatch((count) -> count == 0);
			assertThat(output.isClosed()).isTrue();
			assertThat(this.log.list).noneMatch((event) -> event.getLevel() == Level.WARN);
		});
	}

	@Test
	void pastTheShutdownTimeoutWhatIsLeftIsCountedAsDroppedExactlyAndLoggedOnce() {
		this.contextRunner.withPropertyValues("tokensense.shutdown-timeout=1s").run((context) -> {
			BlockedOutput output = context.getBean(BlockedOutput.class);
			EventPipeline pipeline = context.getBean(EventPipeline.class);
			try {
				callMany(context.getBean(OpenAIClient.class));
				assertThat(output.entered.await(30, TimeUnit.SECONDS)).isTrue();

				context.close();

				long stuck = output.stuckBatch;
				assertThat(stuck).isBetween(1L, 500L);
				assertThat(pipeline.written()).isZero();
				assertThat(pipeline.droppedByReason()).containsEntry(DropReasons.SHUTDOWN_TIMEOUT, CALLS - stuck)
					.containsEntry(DropReasons.QUEUE_FULL, 0L)
					.containsEntry(DropReasons.CLOSED, 0L)
					.containsEntry(DropReasons.OUTPUT_FAILED, 0L);
				assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.WARN)
					.singleElement()
					.satisfies((event) -> assertThat(event.getFormattedMessage())
						.contains("dropped " + (CALLS - stuck) + " events"));
			}
			finally {
				output.release.countDown();
			}
			// the batch the output was stuck on is written once it returns: nothing is lost unaccounted
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(output::isClosed);
			long dropped = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
			assertThat(pipeline.written() + dropped).isEqualTo(CALLS);
		});
	}

	private static void callMany(OpenAIClient client) {
		ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
		for (int i = 0; i < CALLS; i++) {
			client.chat().completions().create(params);
		}
	}

	/** Blocks in its first batch until released. */
	static final class BlockedOutput extends CountingOutput {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile long stuckBatch;

		BlockedOutput() {
			super("blocked");
		}

		@Override
		void beforeBatch(List<CallEvent> batch) throws InterruptedException {
			if (this.entered.getCount() > 0) {
				this.stuckBatch = batch.size();
				this.entered.countDown();
				this.release.await(5, TimeUnit.MINUTES);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockedOutputConfiguration {

		@Bean
		OpenAIClient openAiClient() {
			return new InMemoryOpenAi(Reply.json(ProviderPayloads.openAiChat("chatcmpl-q", "gpt-4o-mini", 10, 0, 5, 0)))
				.client();
		}

		@Bean
		BlockedOutput blockedOutput() {
			return new BlockedOutput();
		}

	}

}
