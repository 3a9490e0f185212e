package io.tokensense.internal.integration.springai;

import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.TokenSenseContext;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.internal.recording.CallOrigin;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.RecordingFailures;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;

/**
 * Refuses a {@code ChatClient} call whose keys have spent a blocking budget, before any advisor
 * after it runs and before the model sends anything: a plain call throws
 * {@link BudgetExceededException}, a stream fails with it when subscribed (Spring AI starts a
 * stream's work then, on the subscribing thread, whose {@link TokenSenseContext} counts, as it
 * does for the recorded event). The call is asked about with the provider told by its options'
 * type, the model of its options and the attribution its event would carry (see
 * {@link Recorder#checkBudgets}). It runs first, so a memory or tool-calling advisor never
 * starts work for a refused call.
 */
public final class SpringAiBudgetAdvisor implements CallAdvisor, StreamAdvisor {

	/** The advisor's name in Spring AI's advisor observations. */
	public static final String NAME = "TokenSenseBudget";

	private final Supplier<@Nullable Recorder> recorder;

	/**
	 * @param recorder the application's recorder, whose budgets decide; {@code null} refuses nothing
	 */
	public SpringAiBudgetAdvisor(Supplier<@Nullable Recorder> recorder) {
		this.recorder = recorder;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		check(request);
		return chain.nextCall(request);
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> {
			check(request);
			return chain.nextStream(request);
		});
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private void check(ChatClientRequest request) {
		try {
			Recorder current = this.recorder.get();
			if (current == null || !current.budgets().blocks()) {
				return;
			}
			Prompt prompt = request.prompt();
			CallOrigin origin = CallOrigin.framework(SpringAiProviders.ofOptions(prompt.getOptions()),
					Attribution.NONE);
			current.checkBudgets(origin, SpringAiReadings.requestModel(prompt), TokenSenseContext.current());
		}
		catch (BudgetExceededException refused) {
			throw refused;
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

}
