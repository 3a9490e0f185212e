package io.tokensense.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tokensense.internal.jdbc.SqliteDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.ClassUtils;

/**
 * The data source behind {@code tokensense.jdbc.url}. SQLite files get a connection per batch
 * with a busy timeout and write-ahead logging (a pool would hold the file's lock for nothing);
 * other databases get Boot's pool of choice (Hikari when present), which connects lazily, so
 * creating it never fails startup. A Hikari pool is small and fails fast when the database is
 * down, so that the pipeline's retries, not a 30 s connection wait, pace the worker.
 */
final class OwnDataSource {

	/** How long a write waits for a connection before it fails and is retried later. */
	static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	/** How long checking a pooled connection may take; below the connection timeout, as Hikari requires. */
	static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(2);

	/** One worker thread writes: a couple of connections are plenty. */
	static final int MAXIMUM_POOL_SIZE = 2;

	// spring-boot-jdbc and Hikari are optional: their classes are only touched when present
	private static final String DATA_SOURCE_BUILDER = "org.springframework.boot.jdbc.DataSourceBuilder";

	private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

	private OwnDataSource() {
	}

	static DataSource create(String url, @Nullable String username, @Nullable String password) {
		if (url.startsWith("jdbc:sqlite:")) {
			return new SqliteDataSource(url);
		}
		ClassLoader classLoader = OwnDataSource.class.getClassLoader();
		if (ClassUtils.isPresent(DATA_SOURCE_BUILDER, classLoader)) {
			DataSource dataSource = DataSourceBuilder.create(classLoader)
				.url(url)
				.username(username)
				.password(password)
				.build();
			if (ClassUtils.isPresent(HIKARI, classLoader)) {
				HikariSettings.apply(dataSource);
			}
			return dataSource;
		}
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
		dataSource.setUsername(username);
		dataSource.setPassword(password);
		return dataSource;
	}

	/** Kept apart so that the Hikari class is only loaded when present. */
	private static final class HikariSettings {

		static void apply(DataSource dataSource) {
			if (dataSource instanceof HikariDataSource hikari) {
				hikari.setPoolName("tokensense-jdbc");
				hikari.setMaximumPoolSize(MAXIMUM_POOL_SIZE);
				hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
				hikari.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
			}
		}

	}

}
