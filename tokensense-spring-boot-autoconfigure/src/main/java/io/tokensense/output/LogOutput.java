package io.tokensense.output;

import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.internal.support.CallEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event as one JSON line (see {@link CallEventJson}) on the logger
 * {@value #LOGGER_NAME}: INFO for successful calls, WARN for failed or cancelled ones. Route
 * or silence that logger in the logging configuration like any other.
 */
public final class LogOutput implements CallEventOutput {

	/** The logger the lines go to. */
	public static final String LOGGER_NAME = "io.tokensense.events";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	@Override
	public void write(List<CallEvent> batch) {
		for (CallEvent event : batch) {
			if (event.isSuccess()) {
				if (logger.isInfoEnabled()) {
					logger.info("{}", CallEventJson.toJson(event));
				}
			}
			else if (logger.isWarnEnabled()) {
				logger.warn("{}", CallEventJson.toJson(event));
			}
		}
	}

	@Override
	public String name() {
		return BuiltInOutput.LOG.outputName();
	}

}
