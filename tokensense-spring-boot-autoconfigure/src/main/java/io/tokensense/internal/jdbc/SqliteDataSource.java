package io.tokensense.internal.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A connection per call to an SQLite file through the {@code org.sqlite.JDBC} driver, so that
 * the plain-Java default needs no pool library. Several processes or pipelines may write the
 * same file: each connection waits up to {@link #BUSY_TIMEOUT_MS} for another writer's lock
 * instead of failing at once, and the file uses write-ahead logging so that readers (a
 * dashboard, the sqlite3 shell) do not block the writer.
 */
public final class SqliteDataSource implements DataSource {

	/** How long a connection waits for the file's write lock, in milliseconds. */
	static final int BUSY_TIMEOUT_MS = 10_000;

	private static final String DRIVER = "org.sqlite.JDBC";

	private final String url;

	/**
	 * Creates a data source for a file, or for a full {@code jdbc:sqlite:} URL.
	 * @param pathOrUrl e.g. {@code ./tokensense.db} or {@code jdbc:sqlite:/var/lib/app/usage.db}
	 */
	public SqliteDataSource(String pathOrUrl) {
		this.url = pathOrUrl.startsWith("jdbc:sqlite:") ? pathOrUrl : "jdbc:sqlite:" + pathOrUrl;
	}

	/** Whether the SQLite driver is on the class path. */
	public static boolean isDriverPresent() {
		try {
			Class.forName(DRIVER, false, SqliteDataSource.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** The JDBC URL. */
	public String url() {
		return this.url;
	}

	@Override
	public Connection getConnection() throws SQLException {
		try {
			// DriverManager only sees drivers of the class loaders it knows: register it ourselves
			Class.forName(DRIVER, true, SqliteDataSource.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new SQLException("The SQLite driver (org.xerial:sqlite-jdbc) is not on the class path", ex);
		}
		Properties properties = new Properties();
		properties.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MS));
		properties.setProperty("journal_mode", "WAL");
		// a batch reads which of its ids exist before it writes: a deferred transaction would then have
		// to upgrade its read lock, which SQLite refuses at once (SQLITE_BUSY) when another writer waits;
		// taking the write lock first makes writers queue within the busy timeout instead
		properties.setProperty("transaction_mode", "IMMEDIATE");
		return DriverManager.getConnection(this.url, properties);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	public PrintWriter getLogWriter() {
		return new PrintWriter(System.err);
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("not a wrapper of " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "SqliteDataSource[" + this.url + "]";
	}

}
