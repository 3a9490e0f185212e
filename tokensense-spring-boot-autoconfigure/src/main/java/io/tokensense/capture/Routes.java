package io.tokensense.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.tokensense.Attribution;
import io.tokensense.ObserveOptions;
import io.tokensense.output.CallEventOutput;
import io.tokensense.pricing.CostCalculator;
import io.tokensense.pricing.PriceCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Decides where the events of a client observed with {@code TokenSense.observe} go. Inside a
 * running Spring application its auto-configuration binds the application's route; outside,
 * events go to a plain-Java pipeline of the output given in the options, or of the default
 * output. Resolved per call, so binding order does not matter.
 */
public final class Routes {

	private static final AtomicReference<@Nullable EventRoute> application = new AtomicReference<>();

	private static volatile boolean applicationDisabled;

	private static final Map<CallEventOutput, EventSink> plainSinks = new ConcurrentHashMap<>();

	/** The last route built per output, reused while its base route stays the same. */
	private static final Map<CallEventOutput, OutputRoute> outputRoutes = new ConcurrentHashMap<>();

	private static volatile @Nullable EventRoute plainDefault;

	private Routes() {
	}

	/** Called by the auto-configuration when the application starts. */
	public static void bindApplication(EventRoute route) {
		application.set(route);
		applicationDisabled = false;
	}

	/** Called by the auto-configuration when the application stops; a no-op if another route is bound. */
	public static void unbindApplication(EventRoute route) {
		application.compareAndSet(route, null);
	}

	/** {@code tokensense.enabled=false}: {@code TokenSense.observe} returns clients unchanged. */
	public static void disableApplication(boolean disabled) {
		applicationDisabled = disabled;
	}

	public static boolean isApplicationDisabled() {
		return applicationDisabled;
	}

	/** The route for a client observed with these options. */
	public static EventRoute forOptions(ObserveOptions options) {
		EventRoute base = application.get();
		CallEventOutput output = options.output();
		if (output != null) {
			EventRoute withDefaults = (base != null) ? base : plainDefaultRoute();
			OutputRoute cached = outputRoutes.get(output);
			if (cached != null && cached.base() == withDefaults) {
				return cached.route();
			}
			EventRoute route = withDefaults.withSink(plainSinks.computeIfAbsent(output, PlainPipelines::sinkFor));
			outputRoutes.put(output, new OutputRoute(withDefaults, route));
			return route;
		}
		return (base != null) ? base : plainDefaultRoute();
	}

	private static EventRoute plainDefaultRoute() {
		EventRoute route = plainDefault;
		if (route == null) {
			synchronized (Routes.class) {
				route = plainDefault;
				if (route == null) {
					route = new EventRoute(new CostCalculator(PriceCatalog.bundled()), Attribution.NONE, false, false,
							PlainPipelines.sinkFor(PlainPipelines.defaultOutput()));
					plainDefault = route;
				}
			}
		}
		return route;
	}

	/** A route to an output of the options, built over {@code base}. */
	private record OutputRoute(EventRoute base, EventRoute route) {
	}

}
