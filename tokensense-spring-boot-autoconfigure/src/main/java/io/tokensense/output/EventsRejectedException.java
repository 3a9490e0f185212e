package io.tokensense.output;

import java.util.List;

import io.tokensense.CallEvent;

/**
 * Thrown by {@link CallEventOutput#write} when the output wrote its batch except some events
 * that it refuses for good, because retrying them can never succeed (for the jdbc output: a
 * row the database refuses, such as one breaking a constraint). The pipeline counts the
 * {@link #rejected()} events as dropped with reason {@code rejected}, never hands them to this
 * output again, and takes the rest of the batch as written. Throw any other exception for a
 * failure that may pass (a connection lost, a timeout): then the whole batch is retried.
 *
 * <p>The message goes to the logs: it must say why, never what the events hold.
 */
public class EventsRejectedException extends Exception {

	private static final long serialVersionUID = 1L;

	/** Events are not serializable; an exception sent elsewhere carries its message only. */
	private final transient List<CallEvent> rejected;

	/**
	 * Creates the exception.
	 * @param message why the events were refused, without their content (e.g. an SQLState)
	 * @param rejected the refused events, taken from the batch given to the output
	 */
	public EventsRejectedException(String message, List<CallEvent> rejected) {
		super(message);
		this.rejected = List.copyOf(rejected);
	}

	/** The refused events; the rest of the batch was written. */
	public List<CallEvent> rejected() {
		return (this.rejected != null) ? this.rejected : List.of();
	}

}
