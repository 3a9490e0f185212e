package io.tokensense.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import io.tokensense.CallEvent;
import io.tokensense.output.CallEventOutput;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.jdbc.EventRows;
import io.tokensense.internal.jdbc.JdbcDialect;

/**
 * What a first attempt at persisting events looks like: one {@code INSERT} executed and
 * committed per event (autocommit), no JDBC batch, no transaction around the batch. It writes
 * the same rows with the same statement as {@link JdbcOutput}, whose table it lets create, so
 * the only difference measured is batching. The connection and the prepared statement are
 * reused for a whole batch, which flatters the naive insert, if anything.
 */
final class NaiveInsertOutput implements CallEventOutput {

	private final CleanedUpOutput target;

	private final JdbcOutput tableOwner;

	private boolean tableCreated;

	NaiveInsertOutput(CleanedUpOutput target) {
		this.target = target;
		this.tableOwner = target.output();
	}

	@Override
	public void write(List<CallEvent> batch) throws Exception {
		if (!this.tableCreated) {
			this.tableOwner.write(List.of());
			this.tableCreated = true;
		}
		try (Connection connection = this.tableOwner.dataSource().getConnection()) {
			connection.setAutoCommit(true);
			JdbcDialect dialect = JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
			try (PreparedStatement insert = connection.prepareStatement(dialect.insertSql(this.tableOwner.table()))) {
				for (CallEvent event : batch) {
					EventRows.bind(insert, dialect, event);
					insert.executeUpdate();
				}
			}
		}
	}

	@Override
	public void close() {
		this.target.close();
	}

	@Override
	public String name() {
		return "naive-insert";
	}

}
