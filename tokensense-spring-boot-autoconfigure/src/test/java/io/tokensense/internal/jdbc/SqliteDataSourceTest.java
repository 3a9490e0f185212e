package io.tokensense.internal.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tokensense.output.JdbcOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteDataSourceTest {

	@TempDir
	Path temp;

	@Test
	void usesWriteAheadLogging() throws Exception {
		SqliteDataSource dataSource = new SqliteDataSource(this.temp.resolve("wal.db").toString());
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
			mode.next();
			assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
		}
	}

	@Test
	void letsSeveralOutputsWriteTheSameFileAtOnce() throws Exception {
		String file = this.temp.resolve("shared.db").toString();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < 4; writer++) {
				JdbcOutput output = JdbcOutput.sqlite(file);
				done.add(writers.submit(() -> {
					for (int batch = 0; batch < 20; batch++) {
						output.write(SqliteEvents.batch(10));
					}
					return null;
				}));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		finally {
			writers.shutdown();
		}
		try (Connection connection = new SqliteDataSource(file).getConnection();
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM tokensense_calls")) {
			count.next();
			assertThat(count.getLong(1)).isEqualTo(800);
		}
	}

	@Test
	void acceptsAFullUrl() {
		assertThat(new SqliteDataSource("jdbc:sqlite:/tmp/x.db").url()).isEqualTo("jdbc:sqlite:/tmp/x.db");
		assertThat(new SqliteDataSource("./x.db").url()).isEqualTo("jdbc:sqlite:./x.db");
	}

}
