package io.tokensense.internal.capture;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tokensense.internal.recording.RecordingFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.cglib.proxy.MethodInterceptor;
import org.springframework.cglib.proxy.MethodProxy;

/**
 * The invocation handler behind every observed client and service. Billed calls go through
 * {@link CallRecorder}; any other call goes straight to the target, and a client or service
 * it returns is observed in turn, so nothing reached from an observed client escapes.
 *
 * <p>The target is always invoked directly: a default method such as {@code create(params)}
 * then runs on the target and never re-enters the proxy, so a call is counted once.
 */
final class ObservingHandler implements InvocationHandler, MethodInterceptor {

	private final Object target;

	private final Class<?> serviceInterface;

	private final ObservedClient client;

	private final @Nullable String createOperation;

	private final @Nullable String streamingOperation;

	private final Map<Method, ResultShape> shapes = new ConcurrentHashMap<>();

	/** Services returned by argument-less accessors ({@code chat()}), which the SDK caches too. */
	private final Map<Method, Observed> accessorCache = new ConcurrentHashMap<>();

	/** This client under the last observing layers found around it, see {@link #layeredUnder}. */
	private volatile @Nullable Layered lastLayered;

	ObservingHandler(Object target, Class<?> serviceInterface, ObservedClient client) {
		this.target = target;
		this.serviceInterface = serviceInterface;
		this.client = client;
		this.createOperation = client.adapter().operationOf(serviceInterface, "create");
		this.streamingOperation = client.adapter().operationOf(serviceInterface, "createStreaming");
	}

	Object target() {
		return this.target;
	}

	Class<?> serviceInterface() {
		return this.serviceInterface;
	}

	ObservedClient client() {
		return this.client;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		return intercept(proxy, method, args, null);
	}

	/**
	 * The call, as the generated proxy class hands it over (see {@link InterfaceProxies}); what
	 * it throws reaches the caller as it is.
	 */
	@Override
	public @Nullable Object intercept(Object proxy, Method method, @Nullable Object @Nullable [] args,
			@Nullable MethodProxy methodProxy) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return objectMethod(proxy, method, args);
		}
		String operation = operationOf(method.getName());
		ResultShape shape = (operation != null) ? shapeOrNull(method) : null;
		if (shape != null && (method.getName().equals("create") || shape.kind() != ResultShape.Kind.VALUE)) {
			// a streaming method returning something else than a stream is no call TokenSense can follow
			return billed(operation, shape, method, args);
		}
		Object result = Proxies.invoke(this.target, method, args);
		try {
			return observeReturned(method, args, result);
		}
		catch (RuntimeException | LinkageError ex) {
			// an SDK shape TokenSense does not know: the caller still gets what the SDK returned
			RecordingFailures.record(ex);
			return result;
		}
	}

	/**
	 * Runs a billed call through {@link CallRecorder}, as the innermost observing layer on this
	 * thread sees it: see {@link CallNesting}.
	 */
	private @Nullable Object billed(String operation, ResultShape shape, Method method,
			@Nullable Object @Nullable [] args) throws Throwable {
		CallNesting nesting = CallNesting.current();
		ObservedClient around = nesting.around();
		ObservedClient observedAs = (around != null) ? layeredUnder(around) : this.client;
		nesting.enter(observedAs);
		try {
			return CallRecorder.invoke(observedAs, operation, shape, method.getName().equals("createStreaming"),
					this.target, method, args);
		}
		finally {
			nesting.exit(around);
		}
	}

	/** This layer's client under the layers around it; the last answer is kept, as they rarely change. */
	private ObservedClient layeredUnder(ObservedClient around) {
		Layered last = this.lastLayered;
		if (last != null && last.around == around) {
			return last.client;
		}
		ObservedClient layered = around.over(this.client);
		this.lastLayered = new Layered(around, layered);
		return layered;
	}

	/**
	 * The operation a method of this service bills ({@code create} or {@code createStreaming}),
	 * or {@code null} when the method is passed through.
	 */
	@Nullable String operationOf(String methodName) {
		return switch (methodName) {
			case "create" -> this.createOperation;
			case "createStreaming" -> this.streamingOperation;
			default -> null;
		};
	}

	/** How the method's result is observed; {@code null} (call passed through) if that cannot be told. */
	private @Nullable ResultShape shapeOrNull(Method method) {
		ResultShape known = this.shapes.get(method);
		if (known != null) {
			// the usual case: no capturing lambda allocated per call
			return known;
		}
		try {
			return this.shapes.computeIfAbsent(method, (m) -> ResultShape.of(this.client.adapter(), m));
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
			return null;
		}
	}

	private @Nullable Object observeReturned(Method method, @Nullable Object @Nullable [] args,
			@Nullable Object result) {
		Class<?> returnType = method.getReturnType();
		if (result == null || !this.client.adapter().isServiceInterface(returnType)
				|| !returnType.isInstance(result)) {
			return result;
		}
		if (args == null || args.length == 0) {
			Observed cached = this.accessorCache.get(method);
			if (cached != null && cached.target == result) {
				return cached.proxy;
			}
			Object proxy = observe(returnType, result);
			this.accessorCache.put(method, new Observed(result, proxy));
			return proxy;
		}
		return observe(returnType, result);
	}

	private Object observe(Class<?> returnType, Object result) {
		ObservedClient owner = this.client.adapter().isClientInterface(returnType)
				? this.client.forDerivedClient(result) : this.client;
		return ClientProxies.proxy(result, returnType, owner);
	}

	private Object objectMethod(Object proxy, Method method, @Nullable Object @Nullable [] args) {
		return switch (method.getName()) {
			case "equals" -> args != null && proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			default -> "TokenSense(" + this.serviceInterface.getSimpleName() + ")";
		};
	}

	private record Observed(Object target, Object proxy) {
	}

	private record Layered(ObservedClient around, ObservedClient client) {
	}

}
