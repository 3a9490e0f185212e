package io.tokensense.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tokensense.TokenSenseContext;
import io.tokensense.TokenSenseScope;
import io.tokensense.autoconfigure.TokenSenseAttributionAutoConfiguration;
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
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@link TokenSenseScope} costs the caller of an annotated bean method, on the caller's
 * thread, without any LLM call: the method body only reads the attribution in force (what an
 * observed call does first). A real {@code SpringApplication} (no web server) with Boot's AOP
 * and TokenSense's attribution auto-configuration proxies the beans.
 *
 * <ul>
 * <li>{@code unannotated}: the same method on a bean that is not proxied (the baseline);</li>
 * <li>{@code explicitScope}: the body inside a scope opened in code, no proxy;</li>
 * <li>{@code literalScope}: {@code @TokenSenseScope(userId = "alice", tags = "checkout")};</li>
 * <li>{@code expressionScope}: {@code @TokenSenseScope(userId = "#order.customerId", tags = "#p0.plan")};</li>
 * <li>{@code unannotatedMono}: a method returning {@code Mono.fromSupplier(...)} of the same body, on a bean
 * that is not proxied, subscribed to with {@code block()} on the caller's thread;</li>
 * <li>{@code monoScope}: the same with {@code @TokenSenseScope(userId = "alice", tags = "checkout")}: the
 * scope goes into the Reactor context and is open while the {@code Mono} is subscribed to.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class ScopeAnnotationBenchmark {

	private final Order order = new Order("customer-42", "pro");

	private ConfigurableApplicationContext context;

	private Plain plain;

	private Annotated annotated;

	@Setup(Level.Trial)
	public void setUp() {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setRegisterShutdownHook(false);
		application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
		this.context = application.run();
		this.plain = this.context.getBean(Plain.class);
		this.annotated = this.context.getBean(Annotated.class);
		if (!AopUtils.isAopProxy(this.annotated) || AopUtils.isAopProxy(this.plain)) {
			throw new IllegalStateException("expected only the annotated bean to be proxied");
		}
		if (!"customer-42".equals(this.annotated.expression(this.order))) {
			throw new IllegalStateException("the expression scope did not apply");
		}
		if (!"alice".equals(this.annotated.later(this.order).block())) {
			throw new IllegalStateException("the Mono's scope did not apply");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public String unannotated() {
		return this.plain.read(this.order);
	}

	@Benchmark
	public String explicitScope() {
		try (var scope = TokenSenseContext.userId("alice").tags("checkout").open()) {
			return this.plain.read(this.order);
		}
	}

	@Benchmark
	public String literalScope() {
		return this.annotated.literal(this.order);
	}

	@Benchmark
	public String expressionScope() {
		return this.annotated.expression(this.order);
	}

	@Benchmark
	public String unannotatedMono() {
		return this.plain.later(this.order).block();
	}

	@Benchmark
	public String monoScope() {
		return this.annotated.later(this.order).block();
	}

	public record Order(String customerId, String plan) {
	}

	public static class Plain {

		public String read(Order order) {
			String user = TokenSenseContext.current().userId();
			return (user != null) ? user : order.plan();
		}

		public Mono<String> later(Order order) {
			return Mono.fromSupplier(() -> read(order));
		}

	}

	public static class Annotated {

		@TokenSenseScope(userId = "alice", tags = "checkout")
		public String literal(Order order) {
			String user = TokenSenseContext.current().userId();
			return (user != null) ? user : order.plan();
		}

		@TokenSenseScope(userId = "#order.customerId", tags = "#p0.plan")
		public String expression(Order order) {
			String user = TokenSenseContext.current().userId();
			return (user != null) ? user : order.plan();
		}

		@TokenSenseScope(userId = "alice", tags = "checkout")
		public Mono<String> later(Order order) {
			return Mono.fromSupplier(() -> {
				String user = TokenSenseContext.current().userId();
				return (user != null) ? user : order.plan();
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, TokenSenseAttributionAutoConfiguration.class })
	static class BenchApplication {

		@Bean
		Plain plain() {
			return new Plain();
		}

		@Bean
		Annotated annotated() {
			return new Annotated();
		}

	}

}
