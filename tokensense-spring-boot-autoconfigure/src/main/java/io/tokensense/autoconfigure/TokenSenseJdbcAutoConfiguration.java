package io.tokensense.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.tokensense.output.BuiltInOutput;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.jdbc.RawRowRetention;
import io.tokensense.internal.jdbc.TableName;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Contributes the {@code jdbc} output: a {@link JdbcOutput} on the application's
 * {@link DataSource}, or on a database of its own when {@code tokensense.jdbc.url} is set.
 * That database is not a {@code DataSource} bean, so it never stands in for the
 * application's; the output closes it after the last events are written.
 *
 * <p>Nothing connects at startup: an application whose database is down still starts, and
 * the table is created on the first write that reaches it. A table name that is not a plain
 * SQL identifier fails startup. With {@code tokensense.jdbc.retention}, a
 * {@link RawRowRetention} deletes older rows in the background.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		before = TokenSenseAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.jdbc.core.JdbcTemplate")
@ConditionalOnBooleanProperty(name = "tokensense.enabled", matchIfMissing = true)
@ConditionalOnTokenSenseOutput(BuiltInOutput.JDBC)
@Conditional(TokenSenseJdbcAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(TokenSenseProperties.class)
public final class TokenSenseJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcOutput tokenSenseJdbcOutput(TokenSenseProperties properties, ObjectProvider<DataSource> dataSource) {
		TokenSenseProperties.Jdbc jdbc = properties.getJdbc();
		// before any pool exists, so that a bad name leaves nothing to close
		TableName.of(jdbc.getTable());
		boolean initializeSchema = jdbc.getInitializeSchema() == TokenSenseProperties.SchemaInitialization.ALWAYS;
		String url = jdbc.getUrl();
		boolean own = StringUtils.hasText(url);
		DataSource database = own ? OwnDataSource.create(url, jdbc.getUsername(), jdbc.getPassword())
				: dataSource.getObject();
		return JdbcOutput.builder(database)
			.table(jdbc.getTable())
			.initializeSchema(initializeSchema)
			.closeDataSource(own)
			.build();
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnProperty("tokensense.jdbc.retention")
	@ConditionalOnMissingBean
	RawRowRetention tokenSenseJdbcRetention(JdbcOutput output, TokenSenseProperties properties) {
		Duration retention = properties.getJdbc().getRetention();
		Assert.state(retention != null, "tokensense.jdbc.retention is set");
		return new RawRowRetention(output.dataSource(), output.table(), retention, Clock.systemUTC());
	}

	/** A database to write to: TokenSense's own URL, or a single application DataSource. */
	static final class DatabaseCondition extends AnyNestedCondition {

		DatabaseCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("tokensense.jdbc.url")
		static final class OwnDatabase {

		}

		@ConditionalOnSingleCandidate(DataSource.class)
		static final class ApplicationDataSource {

		}

	}

}
