package io.tokensense.internal.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Immutable per-token prices by model, in LiteLLM's JSON format. Start from {@link #bundled()},
 * {@link #extendedBy(PriceCatalog) extend} it with a full LiteLLM file and apply
 * {@link #withOverrides(Map) single-price overrides}; each step returns a new catalog.
 *
 * <p>{@link #find(String, String)} resolves a model name with the provider's LiteLLM prefix,
 * then as it is, then the same without a date suffix. Nothing else matches: an unknown model
 * stays unknown rather than being priced like a lookalike.
 */
public final class PriceCatalog {

	private static final Logger logger = LoggerFactory.getLogger(PriceCatalog.class);

	/** Absolute: the file stays at the path the catalog generator writes, whatever this class's package. */
	private static final String BUNDLED = "/io/tokensense/pricing/model-prices.json";

	/**
	 * Bounds the resolution cache: model names come from requests and responses, so a caller
	 * inventing names must not grow it without end (past the bound, names are resolved again
	 * each time).
	 */
	private static final int MAX_RESOLVED_NAMES_PER_PROVIDER = 1024;

	private final Map<String, ModelPrice> prices;

	private final Map<String, Map<String, Optional<ModelPrice>>> resolved = new ConcurrentHashMap<>();

	private PriceCatalog(Map<String, ModelPrice> prices) {
		this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
	}

	/** The catalog shipped with TokenSense (read once, then shared). */
	public static PriceCatalog bundled() {
		return Bundled.CATALOG;
	}

	/** A catalog of the given entries, keyed by model name. */
	public static PriceCatalog of(Map<String, ModelPrice> prices) {
		return new PriceCatalog(prices);
	}

	/**
	 * Reads a LiteLLM-format price file. Entries that are not priced per token are left out;
	 * entries with a price that is not a non-negative number are skipped with a warning.
	 * @throws IllegalArgumentException when the content is not a JSON object
	 */
	public static PriceCatalog load(InputStream in) {
		return load(in, "[input stream]");
	}

	/**
	 * Reads a LiteLLM-format price file; {@code source} names it in error messages.
	 * @see #load(InputStream)
	 */
	public static PriceCatalog load(InputStream in, String source) {
		Map<String, String> rejected = new LinkedHashMap<>();
		PriceCatalog catalog = new PriceCatalog(LiteLlmCatalogReader.read(in, source, rejected));
		if (!rejected.isEmpty()) {
			Map.Entry<String, String> first = rejected.entrySet().iterator().next();
			logger.warn("Skipped {} entries of price catalog {} with unusable prices, e.g. '{}': {}", rejected.size(),
					source, first.getKey(), first.getValue());
		}
		return catalog;
	}

	/** This catalog plus the entries of {@code other}; where both list a model, {@code other} wins. */
	public PriceCatalog extendedBy(PriceCatalog other) {
		Map<String, ModelPrice> merged = new LinkedHashMap<>(this.prices);
		merged.putAll(other.prices);
		return new PriceCatalog(merged);
	}

	/**
	 * This catalog with single prices replaced, keyed by model name. An override for a name
	 * that resolves to an entry starts from that entry's prices and is listed under the name
	 * given; an override for an unknown name must give input and output prices. An override also
	 * applies to the dated snapshots of the name the catalog lists ({@code gpt-4o} to
	 * {@code gpt-4o-2024-08-06}, which providers report as the response model), unless they have
	 * an override of their own.
	 * @param overrides prices in USD per million tokens
	 * @throws IllegalArgumentException when an unknown model lacks input or output price
	 */
	public PriceCatalog withOverrides(Map<String, PriceOverride> overrides) {
		Map<String, ModelPrice> merged = new LinkedHashMap<>(this.prices);
		overrides.forEach((model, override) -> {
			ModelPrice base = find(null, model).orElse(null);
			merged.put(model, (base != null) ? override.applyTo(base.withModel(model)) : override.toModelPrice(model));
		});
		this.prices.forEach((name, price) -> {
			PriceOverride override = overrides.get(ModelNames.undated(name));
			if (override != null && !overrides.containsKey(name)) {
				merged.put(name, override.applyTo(price));
			}
		});
		return new PriceCatalog(merged);
	}

	/**
	 * The prices of {@code model} as served by {@code provider}, tried under these keys, first
	 * found wins: {@code <litellm-provider>/<model>} (so {@code azure/gpt-4o-mini} gets Azure's
	 * price), the name itself, then the same two without a date suffix ({@code gpt-4o-2024-08-06}
	 * → {@code gpt-4o}); a name that already carries the provider prefix is also tried without it.
	 * Nothing looser matches: {@code o3-pro} never gets {@code o3}'s price.
	 * @param provider the provider name ({@code openai}, {@code groq}, {@code azure.ai.openai}, ...), if known
	 * @param model the model name
	 * @return the prices, or empty for a model this catalog does not know
	 */
	public Optional<ModelPrice> find(@Nullable String provider, @Nullable String model) {
		if (model == null || model.isBlank()) {
			return Optional.empty();
		}
		// resolving builds several candidate names: do it once per provider and name
		Map<String, Optional<ModelPrice>> byModel = this.resolved.computeIfAbsent((provider != null) ? provider : "",
				(key) -> new ConcurrentHashMap<>());
		Optional<ModelPrice> cached = byModel.get(model);
		if (cached != null) {
			return cached;
		}
		Optional<ModelPrice> resolved = resolve(provider, model);
		if (byModel.size() < MAX_RESOLVED_NAMES_PER_PROVIDER) {
			byModel.put(model, resolved);
		}
		return resolved;
	}

	private Optional<ModelPrice> resolve(@Nullable String provider, String model) {
		for (String name : ModelNames.candidates(provider, model.trim())) {
			ModelPrice price = this.prices.get(name);
			if (price != null) {
				return Optional.of(price);
			}
		}
		return Optional.empty();
	}

	/** Every entry, keyed by model name, in file order. */
	public Map<String, ModelPrice> models() {
		return this.prices;
	}

	@Override
	public String toString() {
		return "PriceCatalog[" + this.prices.size() + " models]";
	}

	/** Holder idiom: the file is parsed on first use, once. */
	private static final class Bundled {

		static final PriceCatalog CATALOG = read();

		private static PriceCatalog read() {
			try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED)) {
				if (in == null) {
					throw new IllegalStateException("Bundled price catalog " + BUNDLED + " is missing");
				}
				return load(in, "bundled " + BUNDLED);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
