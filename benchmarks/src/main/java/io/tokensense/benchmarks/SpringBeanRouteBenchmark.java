package io.tokensense.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.autoconfigure.TokenSenseAutoConfiguration;
import io.tokensense.internal.capture.ClientProxies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The route of a client bean in a Spring application, on the caller's thread: a real
 * {@code SpringApplication} with TokenSense's auto-configuration wraps an {@code OpenAIClient}
 * bean ({@link FakeOpenAiClient}, as in {@code CallerOverheadBenchmark.bareTokenSense}), and
 * each call publishes its {@link CallEvent} as an application event: TokenSense's queueing
 * listener hands it to the pipeline, and with {@code userListener=present} an application
 * {@code @EventListener} (which keeps the event in a field) runs too. The outputs are the
 * auto-configured {@code log} output, its logger switched off, and a counting
 * {@code CallEventOutput} bean; their work is on the pipeline's worker, not measured here.
 * Compare with {@code CallerOverheadBenchmark.bareDirect} and {@code bareTokenSense}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class SpringBeanRouteBenchmark {

	@Param({ "absent", "present" })
	public String userListener;

	private final ChatCompletionCreateParams params = Payloads.chatRequest();

	private ConfigurableApplicationContext context;

	private OpenAIClient client;

	private long calls;

	@Setup(Level.Trial)
	public void setUp() {
		Class<?>[] sources = "present".equals(this.userListener)
				? new Class<?>[] { BenchApplication.class, UserListener.class } : new Class<?>[] { BenchApplication.class };
		SpringApplication application = new SpringApplication(sources);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setRegisterShutdownHook(false);
		application.setDefaultProperties(Map.of("tokensense.outputs", "log", "logging.level.io.tokensense.events",
				"OFF"));
		this.context = application.run();
		this.client = this.context.getBean(OpenAIClient.class);
		if (!ClientProxies.isObserved(this.client)) {
			throw new IllegalStateException("the OpenAIClient bean was not observed: " + this.client.getClass());
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		CountingOutput output = this.context.getBean(CountingOutput.class);
		this.context.close();
		System.out.printf("%nSpring bean route (user listener %s): %d calls, %d events written, %d not written%n",
				this.userListener, this.calls, output.written(), this.calls - output.written());
	}

	@Benchmark
	public ChatCompletion springBean() {
		this.calls++;
		return this.client.chat().completions().create(this.params);
	}

	/** The application: an {@code OpenAIClient} bean and a counting output, with TokenSense auto-configured. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TokenSenseAutoConfiguration.class)
	static class BenchApplication {

		@Bean
		OpenAIClient openAiClient() {
			return FakeOpenAiClient.answering(Payloads.chatCompletion());
		}

		@Bean
		CountingOutput countingOutput() {
			return new CountingOutput();
		}

	}

	/** The cheapest useful listener: it keeps the last event. */
	@Configuration(proxyBeanMethods = false)
	static class UserListener {

		volatile CallEvent last;

		@EventListener
		void on(CallEvent event) {
			this.last = event;
		}

	}

}
