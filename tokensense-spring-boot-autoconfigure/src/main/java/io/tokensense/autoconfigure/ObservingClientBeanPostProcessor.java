package io.tokensense.autoconfigure;

import java.util.function.Supplier;

import io.tokensense.ObserveOptions;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.internal.recording.LazyRecorder;
import io.tokensense.internal.recording.Recorder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;

/**
 * Wraps every OpenAI and Anthropic client bean in an observing proxy of its client
 * interface, so injection by interface keeps working. A bean declared with an
 * implementation class cannot be replaced by an interface proxy: it is left alone, and a
 * log line says how to observe it. A bean made by a {@code FactoryBean} is judged by the type
 * the factory says it makes.
 *
 * <p>A bean that is already observed ({@code TokenSense.observe} in its {@code @Bean} method)
 * keeps its options, with the bean's configured provider over them; behind a decorator of its
 * own (a JDK proxy around the observed client) it is wrapped again, and the two layers still
 * record each call once.
 */
final class ObservingClientBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(ObservingClientBeanPostProcessor.class);

	private final ObjectProvider<TokenSenseProperties> properties;

	private final Supplier<@Nullable Recorder> recorder;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	ObservingClientBeanPostProcessor(ObjectProvider<TokenSenseProperties> properties,
			ObjectProvider<Recorder> recorder) {
		this.properties = properties;
		this.recorder = new LazyRecorder(recorder);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> clientInterface = ClientProxies.clientInterfaceOf(bean);
		if (clientInterface == null) {
			return bean;
		}
		TokenSenseProperties settings = this.properties.getObject();
		if (settings.getExcludedBeans().contains(beanName)) {
			logger.debug("Leaving LLM client bean '{}' unobserved: it is in tokensense.excluded-beans", beanName);
			return bean;
		}
		Class<?> declaredType = declaredType(beanName);
		Class<?> injectedType = (declaredType != null && FactoryBean.class.isAssignableFrom(declaredType))
				? factoryObjectType(beanName) : declaredType;
		if (injectedType != null && !injectedType.isInterface() && injectedType != Object.class) {
			if (injectedType != declaredType) {
				logger.info("Leaving LLM client bean '{}' unobserved: its FactoryBean {} makes objects of type {}, "
						+ "which an interface proxy cannot replace. Make getObjectType() return {} to have it "
						+ "observed.", beanName, declaredType.getName(), injectedType.getName(),
						clientInterface.getName());
			}
			else {
				logger.info("Leaving LLM client bean '{}' unobserved: it is declared as {}, which an interface proxy "
						+ "cannot replace. Declare it as {} to have it observed.", beanName, declaredType.getName(),
						clientInterface.getName());
			}
			return bean;
		}
		ObserveOptions options = ObserveOptions.builder().provider(providerOf(settings, beanName)).build();
		logger.debug("Observing LLM client bean '{}' ({})", beanName, clientInterface.getName());
		return ClientProxies.observe(bean, options, this.recorder);
	}

	/**
	 * The configured provider of a bean. Matched ignoring case: without brackets, a YAML key
	 * such as {@code groqClient} may reach the map lower-cased.
	 */
	private static @Nullable String providerOf(TokenSenseProperties settings, String beanName) {
		String exact = settings.getProviders().get(beanName);
		if (exact != null) {
			return exact;
		}
		return settings.getProviders()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(beanName))
			.map(java.util.Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private @Nullable Class<?> declaredType(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		if (definition instanceof RootBeanDefinition root) {
			if (root.getResolvedFactoryMethod() != null) {
				return root.getResolvedFactoryMethod().getReturnType();
			}
			if (root.getTargetType() != null) {
				return root.getTargetType();
			}
		}
		return definition.getResolvableType().resolve();
	}

	/**
	 * The type a FactoryBean says it makes, which is what injection by type matches for the
	 * bean; {@code null} when the factory does not say.
	 */
	private @Nullable Class<?> factoryObjectType(String beanName) {
		return (this.beanFactory != null) ? this.beanFactory.getType(beanName) : null;
	}

	@Override
	public int getOrder() {
		// after other post-processors, so the proxy wraps the finished bean
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
