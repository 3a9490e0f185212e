package io.tokensense.internal.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One call, one event when a call passes two observed layers (a Spring AI or LangChain4j model
 * built on an observed SDK client): the SDK layer wins, since it reads the provider's own
 * response (cache and reasoning tokens of streams, time to first token, the exact end of a
 * stream), and the framework layer stands back when the SDK layer has recorded the same call.
 * The SDK layer always ends first (the framework's call returns, or its stream completes, after
 * the SDK's), and the two are matched by the provider's response id, or for a failure by the
 * exception the SDK threw (the framework's error is that exception or wraps it). The thread
 * plays no part, so a stream consumed on another thread is matched all the same.
 *
 * <p>Nothing is kept until the first framework call starts: an application without a framework
 * hook pays one volatile read per SDK call.
 */
public final class CoveredCalls {

	/** Response ids kept, oldest forgotten first: far more than calls that can overlap. */
	private static final int CAPACITY = 4096;

	private volatile boolean active;

	private final Map<String, Boolean> responseIds = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > CAPACITY;
		}

	});

	/** Failures the SDK layer recorded; weak, so a failure nobody holds is forgotten. */
	private final Map<Throwable, Boolean> failures = Collections.synchronizedMap(new WeakHashMap<>());

	/** A framework call starts: from now on the SDK layer says what it recorded. */
	void frameworkCallStarted() {
		this.active = true;
	}

	/** The SDK layer recorded a call with this response id, or this failure. */
	void recordedBySdk(@Nullable String responseId, @Nullable Throwable failure) {
		if (!this.active) {
			return;
		}
		if (responseId != null) {
			this.responseIds.put(responseId, Boolean.TRUE);
		}
		if (failure != null) {
			this.failures.put(failure, Boolean.TRUE);
		}
	}

	/** Whether the SDK layer already recorded the call a framework ended with this id or failure. */
	boolean covers(@Nullable String responseId, @Nullable Throwable failure) {
		if (responseId != null && this.responseIds.remove(responseId) != null) {
			return true;
		}
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			if (this.failures.remove(cause) != null) {
				return true;
			}
		}
		return false;
	}

}
