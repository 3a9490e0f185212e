package io.tokensense.output;

/**
 * The names, tag keys and tag values of TokenSense's meters. Tag keys follow OpenTelemetry's
 * GenAI conventions; the tag-key set of a meter never varies.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>base unit</th><th>tags</th></tr>
 * <tr><td>{@value #TOKENS}</td><td>DistributionSummary</td><td>{@code tokens}</td>
 * <td>common, {@value #TOKEN_TYPE} = {@code input} | {@code output}</td></tr>
 * <tr><td>{@value #TOKENS_DETAIL}</td><td>DistributionSummary</td><td>{@code tokens}</td>
 * <td>common, {@value #TOKEN_TYPE} = {@code cache_read} | {@code cache_write} | {@code reasoning}</td></tr>
 * <tr><td>{@value #CALLS}</td><td>Timer (latency)</td><td>seconds</td>
 * <td>common, {@value #STATUS}, {@value #ERROR_TYPE}</td></tr>
 * <tr><td>{@value #COST}</td><td>Counter</td><td>{@code usd}</td><td>common</td></tr>
 * <tr><td>{@value #TIME_TO_FIRST_TOKEN}</td><td>Timer (streams only)</td><td>seconds</td><td>common</td></tr>
 * <tr><td>{@value #EVENTS_UNPRICED}</td><td>Counter (successful calls only)</td><td>{@code calls}</td>
 * <td>common, {@value #REASON} = {@code unknown_model} | {@code no_usage}</td></tr>
 * <tr><td>{@value #EVENTS_DROPPED}</td><td>FunctionCounter</td><td>{@code events}</td>
 * <td>{@value #REASON} = {@code queue_full} (the queue was full), {@code closed} (the event came after
 * the pipeline started closing), {@code shutdown_timeout} (still queued when the shutdown timeout ran out),
 * {@code output_failed} (an output gave up on the event's batch) | {@code rejected} (an output refused
 * the event for good)</td></tr>
 * <tr><td>{@value #QUEUE_SIZE}</td><td>Gauge</td><td>{@code events}</td><td>none</td></tr>
 * <tr><td>{@value #QUEUE_CAPACITY}</td><td>Gauge</td><td>{@code events}</td><td>none</td></tr>
 * </table>
 *
 * <p>The common tags of every per-call meter are {@value #PROVIDER}, {@value #OPERATION},
 * {@value #REQUEST_MODEL} and {@value #RESPONSE_MODEL} ({@value #NONE} when absent), plus
 * {@value #USER_ID} ({@value #NONE} when absent) when {@code tokensense.metrics.user-tag=true}.
 */
public final class TokenSenseMeters {

	/** Tokens per call, by {@value #TOKEN_TYPE}. */
	public static final String TOKENS = "tokensense.tokens";

	/** Cache and reasoning tokens per call: subsets of the input and output tokens. */
	public static final String TOKENS_DETAIL = "tokensense.tokens.detail";

	/** Call latency, by {@value #STATUS} and {@value #ERROR_TYPE}. */
	public static final String CALLS = "tokensense.calls";

	/** What the priced calls cost, in US dollars. */
	public static final String COST = "tokensense.cost";

	/** Streams: time until the first chunk arrived. */
	public static final String TIME_TO_FIRST_TOKEN = "tokensense.time.to.first.token";

	/** Successful calls that could not be priced, by {@value #REASON}. */
	public static final String EVENTS_UNPRICED = "tokensense.events.unpriced";

	/** Events that were not written, by {@value #REASON}. */
	public static final String EVENTS_DROPPED = "tokensense.events.dropped";

	/** Events waiting in the pipeline's queue. */
	public static final String QUEUE_SIZE = "tokensense.queue.size";

	/** How many events the pipeline's queue holds at most. */
	public static final String QUEUE_CAPACITY = "tokensense.queue.capacity";

	/** Tag: the provider, e.g. {@code openai}. */
	public static final String PROVIDER = "gen_ai.provider.name";

	/** Tag: the operation, e.g. {@code chat}. */
	public static final String OPERATION = "gen_ai.operation.name";

	/** Tag: the model asked for. */
	public static final String REQUEST_MODEL = "gen_ai.request.model";

	/** Tag: the model the provider reports having served. */
	public static final String RESPONSE_MODEL = "gen_ai.response.model";

	/** Tag: the kind of tokens. */
	public static final String TOKEN_TYPE = "gen_ai.token.type";

	/** Tag: {@code success}, {@code error} or {@code cancelled}. */
	public static final String STATUS = "status";

	/**
	 * Tag: {@value #NONE} on success, else the HTTP status or exception class name; beyond
	 * {@value MicrometerOutput#MAX_ERROR_TYPES} distinct class names, {@value #OTHER}.
	 */
	public static final String ERROR_TYPE = "error.type";

	/** Tag: why an event was unpriced or dropped. */
	public static final String REASON = "reason";

	/** Tag: the user id, only with {@code tokensense.metrics.user-tag=true}. */
	public static final String USER_ID = "user.id";

	/** Tag value of an absent model, user or error. */
	public static final String NONE = "none";

	/** Tag value of an error type past the bound, or of a failed call without one. */
	public static final String OTHER = "other";

	private TokenSenseMeters() {
	}

}
