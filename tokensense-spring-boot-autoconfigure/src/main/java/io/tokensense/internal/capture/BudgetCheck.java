package io.tokensense.internal.capture;

import io.tokensense.budget.BudgetExceededException;
import io.tokensense.internal.recording.CallOrigin;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.RecordingFailures;

/**
 * Asks the recorder's budgets whether a billed call may start, before anything is sent. A
 * refusal reaches the caller as {@link BudgetExceededException}; any other failure here is
 * TokenSense's own and is swallowed, so the call goes ahead.
 */
final class BudgetCheck {

	private BudgetCheck() {
	}

	static void beforeCall(InFlightCall call) {
		try {
			Recorder recorder = call.recorder();
			CallOrigin origin = call.origin();
			if (recorder.blocksCalls(origin)) {
				recorder.checkBudgets(origin, call.requestModel(), call.scope());
			}
		}
		catch (BudgetExceededException refused) {
			throw refused;
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

}
