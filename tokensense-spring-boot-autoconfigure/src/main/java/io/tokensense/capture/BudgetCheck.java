package io.tokensense.capture;

import io.tokensense.Attribution;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetGuard;
import io.tokensense.recording.CallOrigin;
import io.tokensense.recording.Recorder;
import io.tokensense.recording.RecordingFailures;

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
			BudgetGuard budgets = recorder.budgets();
			if (!budgets.blocks()) {
				return;
			}
			CallOrigin origin = call.origin();
			String provider = (origin.provider() != null) ? origin.provider() : origin.defaultProvider();
			Attribution attribution = call.scope().mergedOver(origin.attribution()).mergedOver(recorder.defaults());
			budgets.beforeCall(provider, call.requestModel(), attribution);
		}
		catch (BudgetExceededException refused) {
			throw refused;
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

}
