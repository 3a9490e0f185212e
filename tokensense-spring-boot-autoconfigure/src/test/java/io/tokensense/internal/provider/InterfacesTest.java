package io.tokensense.internal.provider;

import java.lang.reflect.Proxy;

import com.openai.client.OpenAIClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one interface search, for clients as for streams: sub-interfaces and superclasses are walked. */
class InterfacesTest {

	/** An application's own client type, as a decorator library might declare it. */
	interface TracedOpenAiClient extends OpenAIClient {

	}

	@Test
	void recognisesAClientThatImplementsASubInterfaceOfTheSdkClient() {
		Object client = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { TracedOpenAiClient.class },
				(proxy, method, args) -> null);

		assertThat(ProviderAdapters.forClient(client)).isPresent();
		assertThat(ProviderAdapters.clientInterfaceOf(ProviderAdapters.forClient(client).orElseThrow(),
				client.getClass()))
			.isEqualTo(OpenAIClient.class);
	}

	@Test
	void findsAnInterfaceInheritedFromASuperclass() {
		class Base implements Runnable {

			@Override
			public void run() {
			}

		}
		class Derived extends Base {

		}

		assertThat(Interfaces.find(Derived.class, Runnable.class::equals)).isEqualTo(Runnable.class);
		assertThat(Interfaces.find(Derived.class, AutoCloseable.class::equals)).isNull();
	}

}
