package io.tokensense.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.Attribution;
import io.tokensense.ObserveOptions;
import io.tokensense.TokenSenseContext;
import io.tokensense.internal.capture.ClientProxies;
import io.tokensense.output.JdbcOutput;
import io.tokensense.internal.pipeline.DropReasons;
import io.tokensense.internal.pipeline.EventPipeline;
import io.tokensense.internal.pipeline.PipelineSettings;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;
import io.tokensense.internal.recording.Recorder;
import io.tokensense.testsupport.InMemoryOpenAi;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.RefusingTable;
import io.tokensense.testsupport.Requests;
import io.tokensense.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of mutated provider payloads, whatever odd values they carry, all reach the
 * table through the real pipeline, while a poisoned call amid them (a user id the table
 * refuses for good) is counted as {@value DropReasons#REJECTED} and holds up none of the
 * good ones: written + dropped = offered.
 */
class BadPayloadsToDatabaseTest {

	private static final long SEED = 20261130L;

	private static final int CALLS = 400;

	private static final int POISON_EVERY = 40;

	@Test
	void writesEveryGoodEventOfMutatedPayloadsAndRejectsOnlyThePoisonedOnesOnH2() {
		try (TestDatabase database = TestDatabase.h2()) {
			writesEveryGoodEventAndRejectsThePoisoned(database);
		}
	}

	@Test
	void writesEveryGoodEventOfMutatedPayloadsAndRejectsOnlyThePoisonedOnesOnSqlite() {
		try (TestDatabase database = TestDatabase.sqlite()) {
			writesEveryGoodEventAndRejectsThePoisoned(database);
		}
	}

	private void writesEveryGoodEventAndRejectsThePoisoned(TestDatabase database) {
		String table = database.uniqueTable();
		RefusingTable.create(database, table);
		JdbcOutput output = JdbcOutput.builder(database.dataSource()).table(table).initializeSchema(false).build();
		EventPipeline pipeline = new EventPipeline(List.of(output), PipelineSettings.of(10_000, 50, Duration.ofMillis(20)),
				"bad-payloads-to-database");
		pipeline.start();
		AtomicLong offered = new AtomicLong();
		Recorder recorder = new Recorder(new CostCalculator(PriceCatalog.bundled()), Attribution.NONE, false, false,
				(event, onWritten) -> {
					offered.incrementAndGet();
					pipeline.offer(event, onWritten);
				});
		InMemoryOpenAi transport = new InMemoryOpenAi(Reply.json("{}"));
		OpenAIClient observed = ClientProxies.observe(transport.client(), ObserveOptions.defaults(), () -> recorder);
		ChatCompletionCreateParams params = Requests.openAiChat("gpt-4o-mini");
		String valid = ProviderPayloads.openAiChat("chatcmpl-p", "gpt-4o-mini-2024-07-18", 1200, 1000, 300, 100);
		int poisoned = 0;
		for (int i = 0; i < CALLS; i++) {
			transport.reply(Reply.json(new PayloadMutator(new Random(SEED + i)).json(valid)));
			boolean poison = i % POISON_EVERY == POISON_EVERY / 2;
			poisoned += poison ? 1 : 0;
			String user = poison ? RefusingTable.POISON + "-" + i : "user-" + (i % 7);
			try (var scope = TokenSenseContext.userId(user).open()) {
				observed.chat().completions().create(params);
			}
			catch (RuntimeException ex) {
				// a mutated payload the SDK cannot parse: still one event, recorded as an error
			}
		}
		long expectedPoisoned = poisoned;
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> offered.get() == CALLS);
		pipeline.close(Duration.ofSeconds(30));

		long rejected = pipeline.droppedByReason().getOrDefault(DropReasons.REJECTED, 0L);
		long droppedTotal = pipeline.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
		long rows = countRows(database, table);
		assertThat(rejected).as("poisoned events rejected").isEqualTo(expectedPoisoned);
		assertThat(droppedTotal).as("nothing dropped but the poisoned").isEqualTo(expectedPoisoned);
		assertThat(rows).as("every good event written").isEqualTo(CALLS - expectedPoisoned);
		assertThat(pipeline.written()).isEqualTo(rows);
		assertThat(pipeline.written() + droppedTotal).isEqualTo(offered.get());
		assertThat(countRows(database, table, "user_id LIKE '" + RefusingTable.POISON + "%'")).isZero();
	}

	private static long countRows(TestDatabase database, String table) {
		return countRows(database, table, "1 = 1");
	}

	private static long countRows(TestDatabase database, String table, String condition) {
		try (var connection = database.dataSource().getConnection();
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + condition)) {
			result.next();
			return result.getLong(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
