package io.tokensense.internal.capture;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import io.tokensense.ObserveOptions;
import io.tokensense.internal.provider.ProviderAdapter;
import io.tokensense.internal.provider.ProviderAdapters;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every service reachable from the four client interfaces by reflection, calling each
 * argument-less accessor that returns an SDK client or service (and {@code withOptions} with a
 * no-op), and proves that nothing comes back unobserved and that every billed method of a
 * billing service is observed. A new SDK version that adds a service or a billed method
 * fails here, not in production.
 */
class ClientWalkTest {

	/** The billing services, by their blocking name; async and raw variants map onto them. */
	private static final Map<String, String> BILLING_SERVICES = Map.of(
			"com.openai.services.blocking.chat.ChatCompletionService", "chat",
			"com.openai.services.blocking.ResponseService", "responses",
			"com.openai.services.blocking.EmbeddingService", "embeddings",
			"com.openai.services.blocking.CompletionService", "completions",
			"com.anthropic.services.blocking.MessageService", "messages",
			"com.anthropic.services.blocking.beta.MessageService", "messages",
			"com.anthropic.services.blocking.messages.BatchService", "batches",
			"com.anthropic.services.blocking.beta.messages.BatchService", "batches");

	private final LoopbackServer server = new LoopbackServer();

	private final RecordingSink sink = new RecordingSink();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void everyServiceReachableFromTheFourClientsIsObserved() throws Exception {
		List<Object> clients = List.of(
				OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test").build(),
				OpenAIOkHttpClientAsync.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test").build(),
				AnthropicOkHttpClient.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test").build(),
				AnthropicOkHttpClientAsync.builder().baseUrl(this.server.url("")).apiKey("sk-ant-test").build());
		Set<Class<?>> reached = new LinkedHashSet<>();
		List<String> unobserved = new ArrayList<>();
		List<String> unbilled = new ArrayList<>();
		Set<String> billingReached = new TreeSet<>();
		for (Object client : clients) {
			ProviderAdapter adapter = ProviderAdapters.forClient(client).orElseThrow();
			Object observed = ClientProxies.observe(client, ObserveOptions.defaults(), this.sink.route());
			walk(observed, ClientProxies.clientInterfaceOf(client), adapter, reached, unobserved, unbilled,
					billingReached);
		}

		assertThat(unobserved).as("returned without a TokenSense proxy").isEmpty();
		assertThat(unbilled).as("billed methods of billing services passed through").isEmpty();
		assertThat(billingReached).as("billing services reached").containsExactlyInAnyOrderElementsOf(
				BILLING_SERVICES.keySet());
		assertThat(reached).hasSizeGreaterThan(100);
		// informational: what a reviewer of a new SDK line should look at for a billed call TokenSense misses
		TreeSet<String> others = new TreeSet<>();
		reached.stream().map((type) -> blockingName(type.getName())).filter((name) -> name.contains("Service"))
			.filter((name) -> !BILLING_SERVICES.containsKey(name))
			.forEach(others::add);
		System.out.println("ClientWalkTest: " + reached.size() + " interfaces reached; services not recognised as "
				+ "billing (blocking names, async and raw variants folded in): " + others.size() + " " + others);
		assertThat(this.sink.events()).as("walking makes no billed call").isEmpty();
	}

	private static void walk(Object start, Class<?> startType, ProviderAdapter adapter, Set<Class<?>> reached,
			List<String> unobserved, List<String> unbilled, Set<String> billingReached) throws Exception {
		Deque<Object[]> queue = new ArrayDeque<>();
		queue.add(new Object[] { start, startType });
		reached.add(startType);
		while (!queue.isEmpty()) {
			Object[] next = queue.poll();
			Object service = next[0];
			Class<?> type = (Class<?>) next[1];
			checkBilledMethods(service, type, adapter, unbilled, billingReached);
			for (Method method : type.getMethods()) {
				Object[] args = argumentsFor(method, adapter);
				if (args == null) {
					continue;
				}
				Object returned = method.invoke(service, args);
				Class<?> returnType = method.getReturnType();
				if (!ClientProxies.isObserved(returned)) {
					unobserved.add(type.getName() + "." + method.getName() + " -> " + returnType.getName());
					continue;
				}
				if (reached.add(returnType)) {
					queue.add(new Object[] { returned, returnType });
				}
			}
		}
	}

	/** Arguments for an accessor to follow, or {@code null} for a method that is not one. */
	private static Object[] argumentsFor(Method method, ProviderAdapter adapter) {
		if (Modifier.isStatic(method.getModifiers()) || !adapter.isServiceInterface(method.getReturnType())) {
			return null;
		}
		if (method.getParameterCount() == 0) {
			return new Object[0];
		}
		if (method.getName().equals("withOptions") && method.getParameterCount() == 1
				&& method.getParameterTypes()[0] == Consumer.class) {
			Consumer<Object> noOp = (builder) -> {
			};
			return new Object[] { noOp };
		}
		return null;
	}

	private static void checkBilledMethods(Object service, Class<?> type, ProviderAdapter adapter,
			List<String> unbilled, Set<String> billingReached) {
		String billing = blockingName(type.getName());
		if (!BILLING_SERVICES.containsKey(billing)) {
			return;
		}
		billingReached.add(billing);
		ObservingHandler handler = InterfaceProxies.handlerOf(service);
		for (Method method : type.getMethods()) {
			String name = method.getName();
			if (!name.equals("create") && !name.equals("createStreaming")) {
				continue;
			}
			String operation = handler.operationOf(name);
			boolean followed = name.equals("create")
					|| ResultShape.of(adapter, method).kind() != ResultShape.Kind.VALUE;
			if (!BILLING_SERVICES.get(billing).equals(operation) || !followed) {
				unbilled.add(type.getName() + "." + name + " " + List.of(method.getParameterTypes()));
			}
		}
	}

	private static String blockingName(String name) {
		String blocking = name.replace(".services.async.", ".services.blocking.").replace("$WithRawResponse", "");
		return blocking.endsWith("Async") ? blocking.substring(0, blocking.length() - "Async".length()) : blocking;
	}

}
