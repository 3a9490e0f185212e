package io.tokensense.internal.usage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.tokensense.budget.Budget;
import io.tokensense.budget.SharedSpend;
import io.tokensense.internal.jdbc.HourlyTotals;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.SqlFailures;
import io.tokensense.internal.jdbc.TableName;
import org.jspecify.annotations.Nullable;

/**
 * Budgets' spend across instances: the cost of the calls in the jdbc output's table since a
 * window's start, summed by the database per key of the budget's scope. Global budgets and
 * budgets by user or provider (and by model, while every call in the window asked for one)
 * read whole hours and days from the roll-ups beside the table ({@link RollupSpend}); sessions
 * and tags are read from the rows ({@link RowSpend}). Both give the same sums. Rows without a
 * cost (unpriced calls) count nothing, as they do in memory, and a key whose spend is zero is
 * left out, as a key not there counts zero.
 */
public final class JdbcSpendReader implements SharedSpend {

	private final DataSource dataSource;

	private final TableName table;

	private final RollupSpend rollups;

	private volatile @Nullable JdbcDialect dialect;

	public JdbcSpendReader(DataSource dataSource, TableName table) {
		this.dataSource = dataSource;
		this.table = table;
		// the reports' retention only says which rows are kept: spend is summed over what is there
		this.rollups = new RollupSpend(new JdbcUsageStore(dataSource, table));
	}

	@Override
	public Map<String, BigDecimal> spentSince(Budget budget, Instant since) throws SQLException {
		Map<String, BigDecimal> spent;
		try {
			spent = this.rollups.spentSince(budget, since);
		}
		catch (IllegalStateException ex) {
			if (!(ex.getCause() instanceof SQLException failure)) {
				throw ex;
			}
			try (Connection connection = this.dataSource.getConnection()) {
				return nothingOrFailure(connection, dialect(connection), failure);
			}
		}
		if (spent == null) {
			try (Connection connection = this.dataSource.getConnection()) {
				JdbcDialect dialect = dialect(connection);
				try {
					spent = RowSpend.spentSince(connection, dialect, this.table, budget, since);
				}
				catch (SQLException ex) {
					return nothingOrFailure(connection, dialect, ex);
				}
			}
		}
		return withSpend(spent);
	}

	/**
	 * A read that failed: nothing spent while the table is not there (the jdbc output creates it
	 * with its first batch), else the failure without the driver's message, which can quote values.
	 */
	private Map<String, BigDecimal> nothingOrFailure(Connection connection, JdbcDialect dialect, SQLException failure)
			throws SQLException {
		if (!tableExists(connection, dialect)) {
			return Map.of();
		}
		throw SqlFailures.withoutValues(failure, dialect);
	}

	private boolean tableExists(Connection connection, JdbcDialect dialect) {
		try {
			return HourlyTotals.tableExists(connection, dialect, this.table);
		}
		catch (SQLException ex) {
			// cannot tell: report the read's own failure
			return true;
		}
	}

	/** The keys with spend, each sum without trailing zeros: the same figures whichever path read them. */
	private static Map<String, BigDecimal> withSpend(Map<String, BigDecimal> spent) {
		Map<String, BigDecimal> nonZero = new HashMap<>();
		spent.forEach((key, sum) -> {
			if (sum.signum() != 0) {
				nonZero.put(key, sum.stripTrailingZeros());
			}
		});
		return nonZero;
	}

	private JdbcDialect dialect(Connection connection) throws SQLException {
		JdbcDialect current = this.dialect;
		if (current == null) {
			current = JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
			this.dialect = current;
		}
		return current;
	}

}
