package io.tokensense.internal.integration.springai;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.tokensense.Attribution;
import io.tokensense.internal.recording.CallOrigin;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.RecordingFailures;
import io.tokensense.internal.recording.StartedCall;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * Records every {@code ChatModel} and {@code EmbeddingModel} call that Spring AI observes, for
 * any provider: the call starts when Spring AI starts its observation (on the thread that
 * called the model, or that subscribed to its {@code Flux}, whose
 * {@link io.tokensense.TokenSenseContext} attributes it) and is recorded when the observation
 * stops, with the response's model, id and usage, or with the error. Streams are recorded
 * with the usage Spring AI aggregates at their end and without a time to first token, which
 * an observation does not carry.
 */
public final class SpringAiObservationHandler implements ObservationHandler<ModelObservationContext<?, ?>> {

	private final Supplier<@Nullable Recorder> recorder;

	/**
	 * @param recorder the application's recorder, looked up per call; {@code null} records nothing
	 */
	public SpringAiObservationHandler(Supplier<@Nullable Recorder> recorder) {
		this.recorder = recorder;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext || context instanceof EmbeddingModelObservationContext;
	}

	@Override
	public void onStart(ModelObservationContext<?, ?> context) {
		try {
			Recorder current = this.recorder.get();
			if (current == null) {
				return;
			}
			String provider = SpringAiProviders.name(context.getOperationMetadata().provider());
			CallOrigin origin = CallOrigin.framework(provider, Attribution.NONE);
			StartedCall call;
			if (context instanceof ChatModelObservationContext chat) {
				call = current.start(origin, "chat", SpringAiReadings.requestModel(chat.getRequest()),
						() -> SpringAiReadings.prompt(chat.getRequest()), chat.isStreaming());
			}
			else {
				EmbeddingModelObservationContext embedding = (EmbeddingModelObservationContext) context;
				call = current.start(origin, "embeddings", SpringAiReadings.requestModel(embedding.getRequest()), null,
						false);
			}
			context.put(StartedCall.class, call);
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	@Override
	public void onStop(ModelObservationContext<?, ?> context) {
		StartedCall call = context.get(StartedCall.class);
		context.remove(StartedCall.class);
		if (call == null) {
			return;
		}
		Throwable error = context.getError();
		if (error != null) {
			call.failed(error, SpringAiErrors.httpStatus(error));
			return;
		}
		call.succeeded(SpringAiReadings.read(context.getResponse(), call.origin().provider(),
				call.capturesResponses()));
	}

}
