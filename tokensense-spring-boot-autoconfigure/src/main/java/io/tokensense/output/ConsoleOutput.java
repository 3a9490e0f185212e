package io.tokensense.output;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import io.tokensense.CallEvent;
import io.tokensense.CallStatus;
import org.jspecify.annotations.Nullable;

/**
 * Prints the original TokenSense line per event, for development:
 * <pre>model=claude-sonnet-4-6 | in=12 out=24 tokens | $0.0003 | 847ms</pre>
 * The model is the one the provider reports, else the one asked for. Costs show four
 * decimals, or two significant digits when smaller than $0.0001 ({@code $0.000012}); an
 * unpriced call shows {@code $?} and why, e.g. {@code $? (unknown_model)}. Failed and
 * cancelled calls end with {@code | ERROR 429} or {@code | CANCELLED}, then come the user
 * and session when known ({@code | user=alice session=s-1}).
 */
public final class ConsoleOutput implements CallEventOutput {

	private static final BigDecimal SMALLEST_FOUR_DECIMALS = new BigDecimal("0.0001");

	private static final MathContext TWO_SIGNIFICANT_DIGITS = new MathContext(2, RoundingMode.HALF_UP);

	private final PrintStream out;

	/** Prints to {@link System#out}. */
	public ConsoleOutput() {
		this(System.out);
	}

	/**
	 * Prints to the given stream.
	 * @param out where the lines go
	 */
	public ConsoleOutput(PrintStream out) {
		this.out = out;
	}

	@Override
	public void write(List<CallEvent> batch) {
		for (CallEvent event : batch) {
			this.out.println(line(event));
		}
		this.out.flush();
	}

	@Override
	public String name() {
		return BuiltInOutput.CONSOLE.outputName();
	}

	static String line(CallEvent event) {
		StringBuilder line = new StringBuilder(96);
		String model = (event.responseModel() != null) ? event.responseModel() : event.requestModel();
		line.append("model=").append((model != null) ? model : "?");
		line.append(" | in=").append(orUnknown(event.inputTokens()));
		line.append(" out=").append(orUnknown(event.outputTokens())).append(" tokens");
		line.append(" | ").append(cost(event));
		line.append(" | ").append(event.latency().toMillis()).append("ms");
		if (event.status() == CallStatus.ERROR) {
			line.append(" | ERROR");
			if (event.errorType() != null) {
				line.append(' ').append(event.errorType());
			}
		}
		else if (event.status() == CallStatus.CANCELLED) {
			line.append(" | CANCELLED");
		}
		appendAttribution(line, event);
		return line.toString();
	}

	private static String cost(CallEvent event) {
		BigDecimal cost = event.costUsd();
		if (cost == null) {
			return "$? (" + event.pricingStatus().name().toLowerCase(Locale.ROOT) + ")";
		}
		if (cost.signum() == 0 || cost.abs().compareTo(SMALLEST_FOUR_DECIMALS) >= 0) {
			return "$" + cost.setScale(4, RoundingMode.HALF_UP).toPlainString();
		}
		// four decimals would print a real but tiny cost as $0.0000
		return "$" + cost.round(TWO_SIGNIFICANT_DIGITS).stripTrailingZeros().toPlainString();
	}

	private static void appendAttribution(StringBuilder line, CallEvent event) {
		String separator = " | ";
		if (event.userId() != null) {
			line.append(separator).append("user=").append(event.userId());
			separator = " ";
		}
		if (event.sessionId() != null) {
			line.append(separator).append("session=").append(event.sessionId());
		}
	}

	private static String orUnknown(@Nullable Long tokens) {
		return (tokens != null) ? tokens.toString() : "?";
	}

}
