package io.tokensense.internal.jdbc;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * What the jdbc output throws instead of the driver's exception, whose message can hold the
 * bound values (user ids, prompts). Its message names the driver's exception classes, the
 * SQLState and the vendor code (see {@link SqlFailures#describe}); its stack trace is the
 * driver's.
 */
public final class JdbcWriteException extends SQLException {

	private static final long serialVersionUID = 1L;

	private final boolean permanent;

	JdbcWriteException(String description, @Nullable String sqlState, int vendorCode, boolean permanent) {
		super(description, sqlState, vendorCode);
		this.permanent = permanent;
	}

	/** Whether the database refused the values, so that the same rows can never be written. */
	public boolean isPermanent() {
		return this.permanent;
	}

}
