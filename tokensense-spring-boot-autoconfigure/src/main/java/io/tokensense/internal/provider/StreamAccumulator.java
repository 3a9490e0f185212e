package io.tokensense.internal.provider;

/**
 * Reads the elements of one streamed response as they pass by, keeping what the event needs
 * (model, id, usage so far). One accumulator serves one stream; it must never throw.
 */
public interface StreamAccumulator {

	/** Takes note of one element the stream delivered. */
	void accept(Object element);

	/** What the elements seen so far say; usage is partial when the stream ended early. */
	ResultReading reading();

}
