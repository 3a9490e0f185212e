package io.tokensense.benchmarks;

import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.opentelemetry.instrumentation.openai.v1_1.OpenAITelemetry;
import io.tokensense.ObserveOptions;
import io.tokensense.TokenSense;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing a client costs the thread that makes the call, one call at a time.
 *
 * <ul>
 * <li>{@code sdk*}: a real {@code OpenAIClient} over {@link InMemoryTransport}, the SDK's
 * full path (request serialization, response parsing) without a network: called
 * {@code Direct}, through {@code TokenSense} and through {@code OpenTelemetry}'s wrapper.</li>
 * <li>{@code bare*}: the same three over {@link FakeOpenAiClient}, which answers with a
 * pre-parsed completion: no HTTP, no JSON, so the difference to {@code bareDirect} is the
 * observer's own work, free of the SDK's noise.</li>
 * </ul>
 *
 * TokenSense's events go through a real {@code EventPipeline} worker into a no-op
 * {@link CountingOutput}; OpenTelemetry's spans and logs through batch processors into
 * counting exporters, its metrics into an in-memory reader. Both hand-offs happen on the
 * caller's thread and are measured; the exporting work on other threads is not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class CallerOverheadBenchmark {

	private final ChatCompletionCreateParams params = Payloads.chatRequest();

	private final CountingOutput output = new CountingOutput();

	private OpenTelemetrySetup openTelemetry;

	private OpenAIClient sdkDirect;

	private OpenAIClient sdkTokenSense;

	private OpenAIClient sdkOpenTelemetry;

	private OpenAIClient bareDirect;

	private OpenAIClient bareTokenSense;

	private OpenAIClient bareOpenTelemetry;

	private long observedCalls;

	@Setup(Level.Trial)
	public void setUp() {
		this.openTelemetry = new OpenTelemetrySetup();
		OpenAITelemetry telemetry = OpenAITelemetry.builder(this.openTelemetry.sdk()).build();
		ObserveOptions options = ObserveOptions.builder().output(this.output).build();

		this.sdkDirect = new OpenAIClientImpl(ClientOptions.builder()
			.httpClient(new InMemoryTransport(Payloads.CHAT_COMPLETION_JSON))
			.baseUrl(ClientOptions.PRODUCTION_URL)
			.apiKey("sk-bench")
			.maxRetries(0)
			.build());
		this.sdkTokenSense = TokenSense.observe(this.sdkDirect, options);
		this.sdkOpenTelemetry = telemetry.wrap(this.sdkDirect);

		this.bareDirect = FakeOpenAiClient.answering(Payloads.chatCompletion());
		this.bareTokenSense = TokenSense.observe(this.bareDirect, options);
		this.bareOpenTelemetry = telemetry.wrap(this.bareDirect);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.output.written() < this.observedCalls && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		System.out.printf("%nTokenSense: %d observed calls, %d events written, %d not written (dropped)%n",
				this.observedCalls, this.output.written(), this.observedCalls - this.output.written());
		System.out.println("OpenTelemetry: " + this.openTelemetry.exported());
		this.openTelemetry.close();
	}

	@Benchmark
	public ChatCompletion sdkDirect() {
		return this.sdkDirect.chat().completions().create(this.params);
	}

	@Benchmark
	public ChatCompletion sdkTokenSense() {
		this.observedCalls++;
		return this.sdkTokenSense.chat().completions().create(this.params);
	}

	@Benchmark
	public ChatCompletion sdkOpenTelemetry() {
		return this.sdkOpenTelemetry.chat().completions().create(this.params);
	}

	@Benchmark
	public ChatCompletion bareDirect() {
		return this.bareDirect.chat().completions().create(this.params);
	}

	@Benchmark
	public ChatCompletion bareTokenSense() {
		this.observedCalls++;
		return this.bareTokenSense.chat().completions().create(this.params);
	}

	@Benchmark
	public ChatCompletion bareOpenTelemetry() {
		return this.bareOpenTelemetry.chat().completions().create(this.params);
	}

}
