package io.tokensense.internal.provider;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Maps an SDK's service interfaces to the operation their {@code create} calls bill. The
 * blocking, async and raw variants of a service share one entry: {@code ...services.async.XAsync}
 * and {@code ...X$WithRawResponse} are looked up as {@code ...services.blocking.X}.
 */
public final class ServiceOperations {

	private static final String RAW = "$WithRawResponse";

	private final Map<String, String> operationsByBlockingService;

	public ServiceOperations(Map<String, String> operationsByBlockingService) {
		this.operationsByBlockingService = Map.copyOf(operationsByBlockingService);
	}

	/** The operation billed by {@code create} on this service, or {@code null}. */
	public @Nullable String createOperationOf(Class<?> serviceInterface) {
		return this.operationsByBlockingService.get(blockingName(serviceInterface.getName()));
	}

	static String blockingName(String name) {
		String blocking = name.replace(".services.async.", ".services.blocking.");
		if (blocking.endsWith(RAW)) {
			blocking = blocking.substring(0, blocking.length() - RAW.length());
		}
		return blocking.endsWith("Async") ? blocking.substring(0, blocking.length() - "Async".length()) : blocking;
	}

}
