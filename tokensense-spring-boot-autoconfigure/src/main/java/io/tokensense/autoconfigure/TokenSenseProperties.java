package io.tokensense.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tokensense.internal.pipeline.PipelineSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Configuration of TokenSense, under the {@code tokensense} prefix.
 */
@ConfigurationProperties("tokensense")
public class TokenSenseProperties {

	/**
	 * Whether TokenSense observes LLM clients. When false, client beans are left alone and
	 * TokenSense.observe returns clients unchanged.
	 */
	private boolean enabled = true;

	/**
	 * Where events go: any of 'log' (JSON lines on logger io.tokensense.events), 'console'
	 * (one short line per call), 'jdbc' (rows of table tokensense_calls) and 'micrometer'
	 * (meters on the application's MeterRegistry). Empty means automatic: 'log', plus
	 * 'micrometer' when there is a MeterRegistry bean, plus 'jdbc' when there is a DataSource
	 * bean or tokensense.jdbc.url is set. CallEventOutput beans are always added.
	 */
	private List<String> outputs = new ArrayList<>();

	/**
	 * Whether OpenAIClient, OpenAIClientAsync, AnthropicClient and AnthropicClientAsync beans
	 * are wrapped in an observing proxy.
	 */
	private boolean wrapBeans = true;

	/**
	 * Names of client beans to leave unobserved.
	 */
	private Set<String> excludedBeans = new LinkedHashSet<>();

	/**
	 * Provider name to report for a client bean, by bean name, e.g. for an OpenAI-compatible
	 * host TokenSense does not recognise. Detected from the base URL otherwise.
	 */
	private Map<String, String> providers = new LinkedHashMap<>();

	/**
	 * User id attached to every call that has none from its scope or options.
	 */
	private @Nullable String userId;

	/**
	 * Session id attached to every call that has none from its scope or options.
	 */
	private @Nullable String sessionId;

	/**
	 * Tags added to every call.
	 */
	private List<String> tags = new ArrayList<>();

	/**
	 * Whether request content is kept in events. Prompts may hold personal data: a warning
	 * is logged at startup when on.
	 */
	private boolean logPrompts;

	/**
	 * Whether response content is kept in events. A warning is logged at startup when on.
	 */
	private boolean logResponses;

	/**
	 * How long queued events may take to be written when the application stops.
	 */
	private Duration shutdownTimeout = PipelineSettings.DEFAULT_SHUTDOWN_TIMEOUT;

	private final Pricing pricing = new Pricing();

	private final Queue queue = new Queue();

	private final Streaming streaming = new Streaming();

	private final Jdbc jdbc = new Jdbc();

	private final Metrics metrics = new Metrics();

	private final Memory memory = new Memory();

	private final BudgetSettings budgets = new BudgetSettings();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getOutputs() {
		return this.outputs;
	}

	public void setOutputs(List<String> outputs) {
		this.outputs = outputs;
	}

	public boolean isWrapBeans() {
		return this.wrapBeans;
	}

	public void setWrapBeans(boolean wrapBeans) {
		this.wrapBeans = wrapBeans;
	}

	public Set<String> getExcludedBeans() {
		return this.excludedBeans;
	}

	public void setExcludedBeans(Set<String> excludedBeans) {
		this.excludedBeans = excludedBeans;
	}

	public Map<String, String> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, String> providers) {
		this.providers = providers;
	}

	public @Nullable String getUserId() {
		return this.userId;
	}

	public void setUserId(@Nullable String userId) {
		this.userId = userId;
	}

	public @Nullable String getSessionId() {
		return this.sessionId;
	}

	public void setSessionId(@Nullable String sessionId) {
		this.sessionId = sessionId;
	}

	public List<String> getTags() {
		return this.tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public boolean isLogPrompts() {
		return this.logPrompts;
	}

	public void setLogPrompts(boolean logPrompts) {
		this.logPrompts = logPrompts;
	}

	public boolean isLogResponses() {
		return this.logResponses;
	}

	public void setLogResponses(boolean logResponses) {
		this.logResponses = logResponses;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Pricing getPricing() {
		return this.pricing;
	}

	public Queue getQueue() {
		return this.queue;
	}

	public Streaming getStreaming() {
		return this.streaming;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public BudgetSettings getBudgets() {
		return this.budgets;
	}

	/**
	 * Settings shared by every budget. The budgets themselves are named entries beside these,
	 * {@code tokensense.budgets.<name>.*}, bound as {@link BudgetProperties}.
	 */
	public static final class BudgetSettings {

		/**
		 * Time zone of calendar windows (day, week, month).
		 */
		private ZoneId zone = ZoneId.of("UTC");

		/**
		 * How often the spend of every instance is re-read from the jdbc output's table. Without
		 * the jdbc output, budgets count this instance's spend alone.
		 */
		private Duration refreshInterval = Duration.ofSeconds(10);

		public ZoneId getZone() {
			return this.zone;
		}

		public void setZone(ZoneId zone) {
			this.zone = zone;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/** Streaming calls. */
	public static final class Streaming {

		/**
		 * Whether OpenAI-style streams that did not ask for usage are made to, by adding
		 * stream_options.include_usage to the request. The caller then reads one extra last
		 * chunk with empty choices.
		 */
		private boolean includeUsage;

		public boolean isIncludeUsage() {
			return this.includeUsage;
		}

		public void setIncludeUsage(boolean includeUsage) {
			this.includeUsage = includeUsage;
		}

	}

	/** The jdbc output. */
	public static final class Jdbc {

		/**
		 * JDBC URL of a database of TokenSense's own, e.g. jdbc:sqlite:./tokensense.db. When
		 * unset, the application's DataSource is used.
		 */
		private @Nullable String url;

		/**
		 * Login user of the database given by tokensense.jdbc.url.
		 */
		private @Nullable String username;

		/**
		 * Login password of the database given by tokensense.jdbc.url.
		 */
		private @Nullable String password;

		/**
		 * Name of the table events are written to; a plain SQL identifier, optionally
		 * schema-qualified.
		 */
		private String table = "tokensense_calls";

		/**
		 * Whether the table is created when missing: 'always' (in a committed transaction of
		 * its own, safe with several instances starting at once), or 'never' when the schema
		 * is managed with Flyway or Liquibase (scripts ship in the jar). A row the database
		 * refuses for good (SQLState class 22 or 23) is dropped as 'rejected' while the rest
		 * of its batch is written; other failures are retried.
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.ALWAYS;

		/**
		 * How long rows are kept, e.g. P90D; older rows are deleted in the background, a
		 * small batch at a time, while the roll-ups and the running totals per user stay. Unset
		 * keeps rows for ever.
		 */
		private @Nullable Duration retention;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public @Nullable Duration getRetention() {
			return this.retention;
		}

		public void setRetention(@Nullable Duration retention) {
			this.retention = retention;
		}

	}

	/** Whether TokenSense creates its table. */
	public enum SchemaInitialization {

		/** Create the table and its indexes when missing. */
		ALWAYS,

		/** Never touch the schema. */
		NEVER

	}

	/** The micrometer output. */
	public static final class Metrics {

		/**
		 * Whether the user id is added to meters as tag 'user.id'. Every distinct user makes new
		 * time series: keep it off unless users are few.
		 */
		private boolean userTag;

		public boolean isUserTag() {
			return this.userTag;
		}

		public void setUserTag(boolean userTag) {
			this.userTag = userTag;
		}

	}

	/** Events kept in memory for the actuator endpoint when there is no jdbc output. */
	public static final class Memory {

		/**
		 * How many of the most recent events are kept.
		 */
		private int maxEvents = 100_000;

		public int getMaxEvents() {
			return this.maxEvents;
		}

		public void setMaxEvents(int maxEvents) {
			this.maxEvents = maxEvents;
		}

	}

	/** Prices beyond the bundled catalog. */
	public static final class Pricing {

		/**
		 * Location of a price file in LiteLLM's JSON format; its entries extend and override the
		 * bundled catalog. An http: or https: URL (e.g. LiteLLM's raw
		 * model_prices_and_context_window.json) is read in the background: the bundled catalog
		 * serves until it has been read, and an unreadable URL is a warning, not a startup failure.
		 * Any other location is read at startup and must be readable.
		 */
		private @Nullable Resource catalog;

		/**
		 * How often to read the catalog location again, e.g. 24h; a new file replaces the one in
		 * use only when every price is a non-negative number and it prices at least half as many
		 * models. Unset: read once.
		 */
		private @Nullable Duration refreshInterval;

		/**
		 * Connect timeout when the catalog location is an http: or https: URL.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Read timeout when the catalog location is an http: or https: URL: the whole response must
		 * arrive within it once connected.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Prices of single models in USD per million tokens, by model name; they override the
		 * catalog. Model names with dots need the bracket form, e.g.
		 * "tokensense.pricing.models.[gpt-4.1].input" (in YAML, the key "[gpt-4.1]"); a key that
		 * is not a model name plus a price field fails startup.
		 */
		private Map<String, ModelPrices> models = new LinkedHashMap<>();

		public @Nullable Resource getCatalog() {
			return this.catalog;
		}

		public void setCatalog(@Nullable Resource catalog) {
			this.catalog = catalog;
		}

		public @Nullable Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(@Nullable Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Map<String, ModelPrices> getModels() {
			return this.models;
		}

		public void setModels(Map<String, ModelPrices> models) {
			this.models = models;
		}

	}

	/** Prices of one model, in USD per million tokens; unset ones keep the catalog's. */
	public static final class ModelPrices {

		/**
		 * Price of a million uncached input tokens.
		 */
		private @Nullable BigDecimal input;

		/**
		 * Price of a million output tokens.
		 */
		private @Nullable BigDecimal output;

		/**
		 * Price of a million input tokens read from the prompt cache.
		 */
		private @Nullable BigDecimal cacheRead;

		/**
		 * Price of a million input tokens written to the prompt cache.
		 */
		private @Nullable BigDecimal cacheWrite;

		/**
		 * Price of a million reasoning tokens (the output price when unset).
		 */
		private @Nullable BigDecimal reasoning;

		public @Nullable BigDecimal getInput() {
			return this.input;
		}

		public void setInput(@Nullable BigDecimal input) {
			this.input = input;
		}

		public @Nullable BigDecimal getOutput() {
			return this.output;
		}

		public void setOutput(@Nullable BigDecimal output) {
			this.output = output;
		}

		public @Nullable BigDecimal getCacheRead() {
			return this.cacheRead;
		}

		public void setCacheRead(@Nullable BigDecimal cacheRead) {
			this.cacheRead = cacheRead;
		}

		public @Nullable BigDecimal getCacheWrite() {
			return this.cacheWrite;
		}

		public void setCacheWrite(@Nullable BigDecimal cacheWrite) {
			this.cacheWrite = cacheWrite;
		}

		public @Nullable BigDecimal getReasoning() {
			return this.reasoning;
		}

		public void setReasoning(@Nullable BigDecimal reasoning) {
			this.reasoning = reasoning;
		}

	}

	/** The bounded queue between callers and outputs. */
	public static final class Queue {

		/**
		 * How many events may wait to be written, queued or held by a failing output for a
		 * retry; past it, events are counted as dropped instead of slowing callers down
		 * ('queue_full'), and each refused event makes a failing output give up its oldest
		 * held batch ('output_failed').
		 */
		private int capacity = PipelineSettings.DEFAULT_CAPACITY;

		/**
		 * How many events are written to the outputs at once; at most the capacity.
		 */
		private int batchSize = PipelineSettings.DEFAULT_BATCH_SIZE;

		/**
		 * How long the worker waits to fill a batch before writing what it has; 0 writes
		 * whatever is queued at once.
		 */
		private Duration flushInterval = PipelineSettings.DEFAULT_FLUSH_INTERVAL;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getFlushInterval() {
			return this.flushInterval;
		}

		public void setFlushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
		}

	}

}
