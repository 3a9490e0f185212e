package io.tokensense.internal.integration.langchain4j;

import java.util.Map;
import java.util.function.Supplier;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import io.tokensense.internal.recording.CallOrigin;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.internal.recording.RecordingFailures;
import io.tokensense.internal.recording.StartedCall;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Records each call of a LangChain4j chat or streaming chat model it listens to: LangChain4j's
 * Spring Boot starters attach every {@link ChatModelListener} bean to the models they build;
 * attach it yourself to models you build ({@code .listeners(List.of(listener))}).
 *
 * <p>Attribution: the {@link io.tokensense.TokenSenseContext} of the thread that called the model,
 * over what the listener attributes hold under {@link #USER_ID}, {@link #SESSION_ID} and
 * {@link #TAGS} (put there by a listener of your own, which runs first: this one is ordered last).
 * Streamed calls are recorded when LangChain4j reports their complete response, without a time
 * to first token, which a listener is not told.
 */
public final class TokenSenseChatModelListener implements ChatModelListener, Ordered {

	/** Attribute holding the user of a call ({@code String}). */
	public static final String USER_ID = "tokensense.userId";

	/** Attribute holding the session of a call ({@code String}). */
	public static final String SESSION_ID = "tokensense.sessionId";

	/** Attribute holding the tags of a call (a {@code Collection} of strings, or one string). */
	public static final String TAGS = "tokensense.tags";

	/** Where the started call waits for its response, in the attributes LangChain4j keeps per call. */
	private static final String CALL = TokenSenseChatModelListener.class.getName() + ".call";

	private final Supplier<@Nullable Recorder> recorder;

	/**
	 * @param recorder the application's recorder, looked up per call; {@code null} records nothing
	 */
	public TokenSenseChatModelListener(Supplier<@Nullable Recorder> recorder) {
		this.recorder = recorder;
	}

	@Override
	public void onRequest(ChatModelRequestContext context) {
		try {
			Recorder current = this.recorder.get();
			if (current == null) {
				return;
			}
			String provider = LangChain4jReadings.provider(context.modelProvider());
			Map<Object, Object> attributes = context.attributes();
			CallOrigin origin = CallOrigin.framework(provider, LangChain4jReadings.attribution(attributes));
			StartedCall call = current.start(origin, "chat", LangChain4jReadings.requestModel(context.chatRequest()),
					() -> LangChain4jReadings.prompt(context.chatRequest()), LangChain4jReadings.calledByStreamingModel());
			attributes.put(CALL, call);
		}
		catch (RuntimeException | LinkageError ex) {
			RecordingFailures.record(ex);
		}
	}

	@Override
	public void onResponse(ChatModelResponseContext context) {
		StartedCall call = take(context.attributes());
		if (call != null) {
			call.succeeded(LangChain4jReadings.read(context.chatResponse(), call.origin().provider(),
					call.capturesResponses()));
		}
	}

	@Override
	public void onError(ChatModelErrorContext context) {
		StartedCall call = take(context.attributes());
		if (call != null && context.error() != null) {
			call.failed(context.error(), LangChain4jReadings.httpStatus(context.error()));
		}
	}

	/** Last: listeners of the application that put attribution in the attributes run before. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static @Nullable StartedCall take(@Nullable Map<Object, Object> attributes) {
		try {
			return (attributes != null && attributes.remove(CALL) instanceof StartedCall call) ? call : null;
		}
		catch (RuntimeException ex) {
			RecordingFailures.record(ex);
			return null;
		}
	}

}
