package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.tokensense.internal.usage.UsageStore;
import io.tokensense.internal.usage.jdbc.JdbcUsageStore;
import org.jspecify.annotations.Nullable;

/**
 * The benchmarks' way in to package-private parts of the jdbc output package (the same
 * package on the class path), so that both read paths of the reports are measured as the
 * product runs them. Not part of the product.
 */
public final class BenchmarkAccess {

	private BenchmarkAccess() {
	}

	/**
	 * The product's usage store over a calls table.
	 * @param readHourlyTotals {@code false} for the rows-only path the store takes when the
	 * hourly totals are missing (the same SQL, without the whole hours read from the totals)
	 */
	public static UsageStore usageStore(DataSource dataSource, String table, boolean readHourlyTotals) {
		return new JdbcUsageStore(dataSource, TableName.of(table), null, readHourlyTotals);
	}

	/** The hourly totals table kept beside a calls table. */
	public static String hourlyTable(String table) {
		return TableName.of(table).hourly().qualified();
	}

	/** The roll-up tables filled from the hourly totals (per hour and model, per day and user). */
	public static List<String> coarserRollupTables(String table) {
		return List.of(Rollup.HOURLY_MODELS.table(TableName.of(table)).qualified(),
				Rollup.DAILY_USERS.table(TableName.of(table)).qualified());
	}

	/** The per-user running totals: the users table (its sums count every call) and the checkpoints. */
	public static List<String> checkpointTables(String table) {
		return List.of(UserCheckpoints.usersTable(TableName.of(table)).qualified(),
				UserCheckpoints.checkpointsTable(TableName.of(table)).qualified());
	}

	/**
	 * Creates the calls table's missing parts as the jdbc output does at startup: roll-ups missing
	 * beside filled hourly totals are filled from them, with the product's own code.
	 */
	public static void createSchema(Connection connection, String table) throws SQLException {
		SchemaScripts.create(connection, JdbcDialect.POSTGRESQL, TableName.of(table));
	}

	/** The key hash the jdbc output writes for a group of the hourly totals. */
	public static String hourlyKeyHash(String provider, String operation, @Nullable String requestModel,
			@Nullable String userId) {
		return RollupKey.of(0, provider, operation, requestModel, userId).hash();
	}

}
