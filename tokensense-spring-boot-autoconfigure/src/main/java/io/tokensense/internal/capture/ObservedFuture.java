package io.tokensense.internal.capture;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import io.tokensense.internal.recording.RecordingFailures;

/**
 * A future whose value must be observed before the caller gets it (an async raw response),
 * so it cannot be the SDK's own future. Cancelling it cancels the SDK's future as well, which
 * is what cancelling the SDK's own would have done.
 */
final class ObservedFuture<T> extends CompletableFuture<T> {

	private final CompletableFuture<?> source;

	private ObservedFuture(CompletableFuture<?> source) {
		this.source = source;
	}

	/**
	 * A future completing with {@code observe} applied to the source's value, or with the
	 * source's failure after {@code failed} has seen it.
	 */
	@SuppressWarnings("unchecked")
	static <S> CompletableFuture<Object> mapped(CompletableFuture<S> source, Function<Object, Object> observe,
			Consumer<Throwable> failed) {
		ObservedFuture<Object> mapped = new ObservedFuture<>(source);
		source.whenComplete((value, error) -> {
			if (error != null) {
				failed.accept(error);
				mapped.completeExceptionally(error);
				return;
			}
			Object result = value;
			try {
				result = observe.apply(value);
			}
			catch (RuntimeException | LinkageError ex) {
				RecordingFailures.record(ex);
			}
			mapped.complete(result);
		});
		return mapped;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = this.source.cancel(mayInterruptIfRunning);
		return super.cancel(mayInterruptIfRunning) || cancelled;
	}

}
