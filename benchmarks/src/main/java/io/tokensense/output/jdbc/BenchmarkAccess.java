package io.tokensense.output.jdbc;

import javax.sql.DataSource;

import io.tokensense.usage.UsageStore;
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

	/** The key hash the jdbc output writes for a group of the hourly totals. */
	public static String hourlyKeyHash(String provider, String operation, @Nullable String requestModel,
			@Nullable String userId) {
		return HourlyKey.of(0, provider, operation, requestModel, userId).hash();
	}

}
