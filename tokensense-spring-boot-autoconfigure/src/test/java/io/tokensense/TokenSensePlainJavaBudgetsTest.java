package io.tokensense;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.tokensense.budget.Budget;
import io.tokensense.budget.BudgetAction;
import io.tokensense.budget.BudgetExceededException;
import io.tokensense.budget.BudgetScope;
import io.tokensense.budget.BudgetStatus;
import io.tokensense.budget.Budgets;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.recording.ObserveRoutes;
import io.tokensense.testsupport.LoopbackServer;
import io.tokensense.testsupport.LoopbackServer.Reply;
import io.tokensense.testsupport.ProviderPayloads;
import io.tokensense.testsupport.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Budgets given to {@link TokenSense#observe} in the options, outside any Spring application
 * (surefire execution {@code plain-java}): they count the client's calls as they are recorded
 * and refuse a spent key's next call before anything is sent.
 */
class TokenSensePlainJavaBudgetsTest {

	/** gpt-4o-mini at the snapshot's prices: 1000 × 1.5e-7 + 300 × 6e-7 USD. */
	private static final BigDecimal CALL_COST = new BigDecimal("0.00015").add(new BigDecimal("0.00018"));

	private final LoopbackServer server = new LoopbackServer()
		.always(Reply.json(ProviderPayloads.openAiChat("chatcmpl-pb", "gpt-4o-mini", 1000, 0, 300, 0)));

	private final List<CallEvent> written = new CopyOnWriteArrayList<>();

	private final CallEventOutput output = this.written::addAll;

	private final Budgets budgets = Budgets.of(Budget.builder("per-user")
		.limit("0.0003")
		.window("day")
		.scope(BudgetScope.USER)
		.action(BudgetAction.BLOCK)
		.build());

	@BeforeAll
	static void runsWithoutAnyApplication() {
		Assumptions.assumeFalse(ObserveRoutes.applicationBound(),
				"a Spring application of another test is bound in this JVM: run in surefire execution plain-java");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void refusesTheNextCallOfASpentUserWithoutSendingIt() {
		OpenAIClient client = TokenSense.observe(openAi(),
				ObserveOptions.builder().output(this.output).userId("alice").budgets(this.budgets).build());

		client.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		assertThat(this.budgets.statuses(10)).singleElement().satisfies((status) -> {
			assertThat(status.key()).isEqualTo("alice");
			assertThat(status.spent()).isEqualByComparingTo(CALL_COST);
		});
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> client.chat().completions().create(Requests.openAiChat("gpt-4o-mini")))
			.satisfies((refused) -> {
				assertThat(refused.budget()).isEqualTo("per-user");
				assertThat(refused.key()).isEqualTo("alice");
			});
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void leavesOtherUsersAndClientsWithoutTheBudgetsAlone() {
		OpenAIClient budgeted = TokenSense.observe(openAi(),
				ObserveOptions.builder().output(this.output).userId("bob").budgets(this.budgets).build());
		OpenAIClient free = TokenSense.observe(openAi(), ObserveOptions.builder().output(this.output).build());
		budgeted.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		try (var scope = TokenSenseContext.userId("carol").open()) {
			budgeted.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		}
		try (var scope = TokenSenseContext.userId("bob").open()) {
			free.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		}

		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.budgets.statuses(10)).extracting(BudgetStatus::key).containsExactlyInAnyOrder("bob", "carol");
	}

	@Test
	void takesTheBudgetsOfTheOuterLayerWhenAnObservedClientIsObservedAgain() {
		OpenAIClient inner = TokenSense.observe(openAi(), ObserveOptions.builder().output(this.output).build());
		OpenAIClient outer = TokenSense.observe(inner, ObserveOptions.builder().userId("dave").budgets(this.budgets).build());

		outer.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));

		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> outer.chat().completions().create(Requests.openAiChat("gpt-4o-mini")));
		inner.chat().completions().create(Requests.openAiChat("gpt-4o-mini"));
		assertThat(this.server.requests()).hasSize(2);
	}

	private OpenAIClient openAi() {
		return OpenAIOkHttpClient.builder().baseUrl(this.server.url("/v1")).apiKey("sk-test").maxRetries(0).build();
	}

}
