package io.tokensense.internal.support;

import java.math.BigDecimal;

/**
 * How an amount of money is written in JSON: a number in plain notation without trailing
 * zeros ({@code 0.00000015}, {@code 300}), never {@code 1.5E-7} or {@code 3E+2}, which is
 * what {@link BigDecimal#toString()} (and so a JSON mapper) writes for very small amounts and
 * for amounts whose trailing zeros were stripped.
 */
public final class MoneyJson {

	private MoneyJson() {
	}

	/**
	 * The amount as JSON number text.
	 * @param amount the amount
	 * @return e.g. {@code 0.00000015}
	 */
	public static String plain(BigDecimal amount) {
		return (amount.signum() == 0) ? "0" : amount.stripTrailingZeros().toPlainString();
	}

}
