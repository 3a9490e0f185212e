package io.tokensense.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.jdbc.BenchmarkAccess;
import io.tokensense.internal.jdbc.SqliteDataSource;

/**
 * The databases of the pipeline benchmark's JDBC outputs. Each trial writes to a table of its
 * own, which is dropped (or whose database is deleted) when the pipeline closes the output.
 */
final class JdbcTargets {

	/** Where the PostgreSQL rows go, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
	static final String POSTGRES_URL_VARIABLE = "TOKENSENSE_TEST_POSTGRES_URL";

	private JdbcTargets() {
	}

	/** {@link JdbcOutput#sqlite}, as plain Java observes by default, on a temporary file. */
	static CleanedUpOutput sqlite() throws IOException {
		Path file = Files.createTempFile("tokensense-bench", ".db");
		return new CleanedUpOutput(new JdbcOutput(new SqliteDataSource(file.toString())),
				() -> Files.deleteIfExists(file));
	}

	/** An in-memory H2 database behind a Hikari pool. */
	static CleanedUpOutput h2() {
		HikariDataSource pool = pool("jdbc:h2:mem:bench_" + uniqueSuffix() + ";DB_CLOSE_DELAY=-1");
		return new CleanedUpOutput(JdbcOutput.builder(pool).build(), () -> {
			dropTable(pool, "tokensense_calls");
			pool.close();
		});
	}

	/** PostgreSQL at {@value #POSTGRES_URL_VARIABLE}, behind a Hikari pool, into a table of its own. */
	static CleanedUpOutput postgres() {
		HikariDataSource pool = pool(postgresUrl());
		String table = "tokensense_bench_" + uniqueSuffix();
		return new CleanedUpOutput(JdbcOutput.builder(pool).table(table).build(), () -> {
			dropTable(pool, table);
			pool.close();
		});
	}

	/** One INSERT per event in autocommit mode, on PostgreSQL, for comparison with {@link #postgres()}. */
	static NaiveInsertOutput naivePostgres() {
		return new NaiveInsertOutput(postgres());
	}

	static boolean postgresConfigured() {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		return url != null && !url.isBlank();
	}

	private static String postgresUrl() {
		if (!postgresConfigured()) {
			throw new IllegalStateException(
					"Skipped: set " + POSTGRES_URL_VARIABLE + " to a PostgreSQL JDBC URL to measure this output");
		}
		return System.getenv(POSTGRES_URL_VARIABLE);
	}

	private static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(2);
		config.setPoolName("tokensense-bench");
		return new HikariDataSource(config);
	}

	/** Drops the calls table and the hourly totals the output created beside it. */
	private static void dropTable(HikariDataSource pool, String table) throws SQLException {
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + table);
			statement.execute("DROP TABLE IF EXISTS " + BenchmarkAccess.hourlyTable(table));
		}
	}

	private static String uniqueSuffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
