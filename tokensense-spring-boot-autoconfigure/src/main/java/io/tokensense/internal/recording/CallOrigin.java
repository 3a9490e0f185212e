package io.tokensense.internal.recording;

import java.util.function.Consumer;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.budget.BudgetGuard;
import org.jspecify.annotations.Nullable;

/**
 * What a way of seeing calls fixes for them before any call starts: an observed client with
 * its options, or a framework hook.
 *
 * @param provider the provider name when configuration or the endpoint fixes it, else
 * {@code null} to take it from the response
 * @param defaultProvider the provider when neither fixes it (the SDK's own, the framework's)
 * @param attribution attribution of this origin, between the caller's scope and the defaults
 * @param logPrompts whether this origin asks for request content
 * @param logResponses whether this origin asks for response content
 * @param onEvent called with each event once the outputs wrote it, or {@code null}
 * @param framework whether calls are seen by a framework hook, above any SDK client they may
 * pass: then the SDK layer's event wins (see {@link CoveredCalls})
 * @param budgets budgets of this origin's own (given to {@code observe} in its options), checked
 * and counted besides the recorder's; or {@code null}
 */
public record CallOrigin(@Nullable String provider, String defaultProvider, Attribution attribution,
		boolean logPrompts, boolean logResponses, @Nullable Consumer<CallEvent> onEvent, boolean framework,
		@Nullable BudgetGuard budgets) {

	/** The origin of an SDK client's calls. */
	public CallOrigin(@Nullable String provider, String defaultProvider, Attribution attribution, boolean logPrompts,
			boolean logResponses, @Nullable Consumer<CallEvent> onEvent, @Nullable BudgetGuard budgets) {
		this(provider, defaultProvider, attribution, logPrompts, logResponses, onEvent, false, budgets);
	}

	/** The origin of an SDK client's calls without budgets of its own. */
	public CallOrigin(@Nullable String provider, String defaultProvider, Attribution attribution, boolean logPrompts,
			boolean logResponses, @Nullable Consumer<CallEvent> onEvent) {
		this(provider, defaultProvider, attribution, logPrompts, logResponses, onEvent, false, null);
	}

	/** The origin of a framework hook's calls to a provider, with the attribution the framework carries. */
	public static CallOrigin framework(String provider, Attribution attribution) {
		return new CallOrigin(provider, provider, attribution, false, false, null, true, null);
	}

}
