package io.tokensense.reliability;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

/**
 * What a call gave its caller: a value, or an exception of some class. Two calls behave
 * alike when their outcomes are equal.
 *
 * @param value the returned value, when it returned
 * @param error the class of what it threw, unwrapped from a {@link CompletionException}
 */
record Outcome(@Nullable Object value, @Nullable Class<? extends Throwable> error) {

	static Outcome of(Callable<?> call) {
		try {
			return new Outcome(call.call(), null);
		}
		catch (CompletionException ex) {
			return new Outcome(null, ((ex.getCause() != null) ? ex.getCause() : ex).getClass());
		}
		catch (Throwable ex) {
			return new Outcome(null, ex.getClass());
		}
	}

	boolean failed() {
		return this.error != null;
	}

}
