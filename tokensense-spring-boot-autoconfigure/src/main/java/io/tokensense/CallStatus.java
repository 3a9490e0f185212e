package io.tokensense;

/** How an observed call ended. */
public enum CallStatus {

	/** The provider answered and the answer was read to its end. */
	SUCCESS,

	/** The SDK threw, or a stream failed before its end. */
	ERROR,

	/** The caller gave up first: a stream closed before its end or a cancelled future. */
	CANCELLED

}
