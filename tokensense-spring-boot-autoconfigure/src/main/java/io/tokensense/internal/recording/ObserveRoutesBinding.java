package io.tokensense.internal.recording;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Binds this application to {@code TokenSense.observe} before any application bean is
 * created, and unbinds it when the context closes: a client observed in a {@code @Bean} method
 * (and called in a {@code @PostConstruct}) records into the application from the first bean on,
 * or, with {@code tokensense.enabled=false}, is not observed at all. A bean factory
 * post-processor because those run before every other bean.
 */
public final class ObserveRoutesBinding implements BeanFactoryPostProcessor, DisposableBean {

	private final boolean enabled;

	private volatile ObserveRoutes.@Nullable Binding binding;

	private ObserveRoutesBinding(boolean enabled) {
		this.enabled = enabled;
	}

	/** Binds the application's recorder, looked up when the first call needs it. */
	public static ObserveRoutesBinding enabled() {
		return new ObserveRoutesBinding(true);
	}

	/** Binds "disabled": {@code TokenSense.observe} returns clients unchanged. */
	public static ObserveRoutesBinding disabled() {
		return new ObserveRoutesBinding(false);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (this.binding == null) {
			this.binding = this.enabled
					? ObserveRoutes.bindApplication(new LazyRecorder(beanFactory.getBeanProvider(Recorder.class)))
					: ObserveRoutes.bindDisabledApplication();
		}
	}

	@Override
	public void destroy() {
		ObserveRoutes.Binding bound = this.binding;
		if (bound != null) {
			ObserveRoutes.unbind(bound);
			this.binding = null;
		}
	}

}
