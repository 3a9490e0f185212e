package io.tokensense.autoconfigure;

import io.tokensense.Attribution;
import io.tokensense.TokenSenseContext;
import io.tokensense.TokenSenseScope;
import io.tokensense.internal.attribution.TokenSenseScopeAdvisor;
import org.aspectj.weaver.Advice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class TokenSenseAttributionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TokenSenseAttributionAutoConfiguration.class));

	@Test
	void opensTheScopeOfAnAnnotatedMethodFromItsArguments() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			Attribution seen = context.getBean(Greeter.class).greet(new Person("zoe", "s-9"));
			assertThat(seen).isEqualTo(new Attribution("zoe", "s-9", java.util.List.of("greeting", "zoe")));
			assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
		});
	}

	@Test
	void aMethodAnnotationReplacesTheClassAnnotation() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(greeter.plain()).isEqualTo(new Attribution("class-user", null, java.util.List.of("class")));
			assertThat(greeter.literal()).isEqualTo(new Attribution("literal-user", null, java.util.List.of()));
		});
	}

	@Test
	void closesTheScopeWhenTheMethodThrows() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThatIllegalStateException().isThrownBy(greeter::fail);
			assertThat(TokenSenseContext.current()).isEqualTo(Attribution.NONE);
		});
	}

	@Test
	void aCallFromTheBeanToItselfOpensNothing() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			assertThat(context.getBean(Greeter.class).selfInvoked()).isEqualTo(Attribution.NONE);
		});
	}

	@Test
	void opensTheScopeDeclaredOnAnInterfaceMethodOfAClassProxiedBean() {
		this.contextRunner.withUserConfiguration(InterfaceConfiguration.class).run((context) -> {
			Greeting greeting = context.getBean(Greeting.class);
			assertThat(greeting.hello(new Person("yan", "s-2")))
				.isEqualTo(new Attribution("yan", null, java.util.List.of("interface")));
			assertThat(context.getBean(ClassWideGreeting.class).hi())
				.isEqualTo(new Attribution("interface-class-user", null, java.util.List.of()));
		});
	}

	@Test
	void opensTheScopeDeclaredOnAnInterfaceMethodOfAnInterfaceProxiedBean() {
		this.contextRunner.withUserConfiguration(InterfaceConfiguration.class)
			.withPropertyValues("spring.aop.proxy-target-class=false")
			.run((context) -> {
				Greeting greeting = context.getBean(Greeting.class);
				assertThat(java.lang.reflect.Proxy.isProxyClass(greeting.getClass())).isTrue();
				assertThat(greeting.hello(new Person("yan", "s-2")))
					.isEqualTo(new Attribution("yan", null, java.util.List.of("interface")));
				assertThat(context.getBean(ClassWideGreeting.class).hi())
					.isEqualTo(new Attribution("interface-class-user", null, java.util.List.of()));
			});
	}

	@Test
	void failsStartupNamingTheMethodAndTheExpressionThatDoesNotParse() {
		this.contextRunner.withUserConfiguration(BadExpressionConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("badExpression")
				.hasMessageContaining(BadExpression.class.getName() + "#greet")
				.hasMessageContaining("userId = \"#person.(\"");
		});
	}

	@Test
	void createsNothingTooEarlyForTheContextsPostProcessors(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TokenSenseScopeAdvisor.class);
			assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
			.withPropertyValues("tokensense.attribution.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TokenSenseScopeAdvisor.class);
				assertThat(context.getBean(Greeter.class).literal()).isEqualTo(Attribution.NONE);
			});
	}

	@Test
	void backsOffWhenTokenSenseIsDisabled() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
			.withPropertyValues("tokensense.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TokenSenseScopeAdvisor.class));
	}

	@Test
	void backsOffWithoutAspectJ() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
			.withClassLoader(new FilteredClassLoader(Advice.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TokenSenseScopeAdvisor.class));
	}

	record Person(String name, String session) {
	}

	@TokenSenseScope(userId = "class-user", tags = "class")
	static class Greeter {

		@TokenSenseScope(userId = "#person.name", sessionId = "#p0.session", tags = { "greeting", "#a0.name" })
		public Attribution greet(Person person) {
			return TokenSenseContext.current();
		}

		public Attribution plain() {
			return TokenSenseContext.current();
		}

		@TokenSenseScope(userId = "literal-user")
		public Attribution literal() {
			return TokenSenseContext.current();
		}

		@TokenSenseScope(userId = "never")
		public Attribution fail() {
			throw new IllegalStateException("boom");
		}

		@TokenSenseScope
		public Attribution selfInvoked() {
			return inner();
		}

		@TokenSenseScope(userId = "inner")
		Attribution inner() {
			return TokenSenseContext.current();
		}

	}

	interface Greeting {

		@TokenSenseScope(userId = "#person.name", tags = "interface")
		Attribution hello(Person person);

	}

	static class InterfaceGreeter implements Greeting {

		@Override
		public Attribution hello(Person person) {
			return TokenSenseContext.current();
		}

	}

	@TokenSenseScope(userId = "interface-class-user")
	interface ClassWideGreeting {

		Attribution hi();

	}

	static class ClassWideGreeter implements ClassWideGreeting {

		@Override
		public Attribution hi() {
			return TokenSenseContext.current();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceConfiguration {

		@Bean
		InterfaceGreeter interfaceGreeter() {
			return new InterfaceGreeter();
		}

		@Bean
		ClassWideGreeter classWideGreeter() {
			return new ClassWideGreeter();
		}

	}

	static class BadExpression {

		@TokenSenseScope(userId = "#person.(")
		public void greet(Person person) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadExpressionConfiguration {

		@Bean
		BadExpression badExpression() {
			return new BadExpression();
		}

	}

}
