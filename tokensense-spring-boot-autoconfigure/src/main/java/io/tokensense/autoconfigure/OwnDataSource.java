package io.tokensense.autoconfigure;

import javax.sql.DataSource;

import io.tokensense.output.jdbc.SqliteDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.ClassUtils;

/**
 * The data source behind {@code tokensense.jdbc.url}. SQLite files get a connection per batch
 * with a busy timeout and write-ahead logging (a pool would hold the file's lock for nothing);
 * other databases get Boot's pool of choice (Hikari when present), which connects lazily, so
 * creating it never fails startup.
 */
final class OwnDataSource {

	// spring-boot-jdbc is optional: the class is only touched when present
	private static final String DATA_SOURCE_BUILDER = "org.springframework.boot.jdbc.DataSourceBuilder";

	private OwnDataSource() {
	}

	static DataSource create(String url, @Nullable String username, @Nullable String password) {
		if (url.startsWith("jdbc:sqlite:")) {
			return new SqliteDataSource(url);
		}
		ClassLoader classLoader = OwnDataSource.class.getClassLoader();
		if (ClassUtils.isPresent(DATA_SOURCE_BUILDER, classLoader)) {
			return DataSourceBuilder.create(classLoader)
				.url(url)
				.username(username)
				.password(password)
				.build();
		}
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
		dataSource.setUsername(username);
		dataSource.setPassword(password);
		return dataSource;
	}

}
