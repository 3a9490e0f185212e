package io.tokensense.capture;

import io.tokensense.Attribution;
import io.tokensense.pricing.CostCalculator;

/**
 * What the environment of an observed client adds to its calls: prices, default
 * attribution, content capture switches, and where the events go.
 *
 * @param costs prices calls
 * @param defaults attribution of every call, the weakest layer
 * @param logPrompts whether request content is kept, whatever the client's options say
 * @param logResponses whether response content is kept, whatever the client's options say
 * @param sink receives the events
 */
public record EventRoute(CostCalculator costs, Attribution defaults, boolean logPrompts, boolean logResponses,
		EventSink sink) {

	/** The same route, delivering to another sink. */
	public EventRoute withSink(EventSink otherSink) {
		return new EventRoute(this.costs, this.defaults, this.logPrompts, this.logResponses, otherSink);
	}

}
