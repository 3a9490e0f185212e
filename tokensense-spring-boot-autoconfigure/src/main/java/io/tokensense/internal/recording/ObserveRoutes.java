package io.tokensense.internal.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.tokensense.Attribution;
import io.tokensense.ObserveOptions;
import io.tokensense.output.CallEventOutput;
import io.tokensense.internal.pricing.CostCalculator;
import io.tokensense.internal.pricing.PriceCatalog;
import org.jspecify.annotations.Nullable;

/**
 * The one static holder of TokenSense: where a client observed with {@code TokenSense.observe}
 * records, since that static method cannot be handed an instance. Read-only from outside this
 * package: only {@link ObserveRoutesBinding}, a bean factory post-processor of a Spring context,
 * binds and unbinds routes, for that context's lifetime. A Spring application binds
 * its recorder from the start of its bean creation until it closes (so clients observed and
 * called while it starts already record there), or binds "disabled" when
 * {@code tokensense.enabled=false}; with nothing bound, calls go to the plain-Java default,
 * created on first use. When several applications run in one JVM, the one bound last wins
 * until it closes. Resolved once per call, by the observed client, at the call's start.
 */
public final class ObserveRoutes {

	private static final List<Binding> bindings = new ArrayList<>();

	private static volatile @Nullable Binding current;

	private static volatile @Nullable Recorder plainDefault;

	private ObserveRoutes() {
	}

	/**
	 * Binds an application's recorder.
	 * @param recorder looked up on the first call, which may come while the application starts
	 * @return the binding, to {@link #unbind} when the application closes
	 */
	static Binding bindApplication(Supplier<@Nullable Recorder> recorder) {
		return bind(new Binding(recorder));
	}

	/** Binds an application with {@code tokensense.enabled=false}: nothing is observed nor recorded. */
	static Binding bindDisabledApplication() {
		return bind(new Binding(null));
	}

	/** Removes a binding; the one bound before it, if still there, is in force again. */
	static void unbind(Binding binding) {
		synchronized (bindings) {
			bindings.remove(binding);
			current = bindings.isEmpty() ? null : bindings.get(bindings.size() - 1);
		}
	}

	private static Binding bind(Binding binding) {
		synchronized (bindings) {
			bindings.add(binding);
			current = binding;
		}
		return binding;
	}

	/** Whether the application in force has TokenSense disabled: then clients stay unobserved. */
	public static boolean isDisabled() {
		Binding binding = current;
		return binding != null && binding.recorder == null;
	}

	/** Whether a Spring application (enabled or disabled) is bound in this JVM. */
	public static boolean applicationBound() {
		return current != null;
	}

	/**
	 * Where a client observed with these options records: the application's recorder, or the
	 * plain-Java default's; with an output in the options, the same recorder delivering to that
	 * output's own pipeline. The supplier answers {@code null} while a disabled application is
	 * in force.
	 */
	public static Supplier<@Nullable Recorder> forOptions(ObserveOptions options) {
		CallEventOutput output = options.output();
		if (output == null) {
			return ObserveRoutes::inForce;
		}
		PlainPipelines.Lease lease = PlainPipelines.lease(output);
		return () -> {
			Recorder base = inForce();
			return (base != null) ? lease.over(base) : null;
		};
	}

	/** The recorder in force now, or {@code null} when TokenSense is disabled. */
	static @Nullable Recorder inForce() {
		Binding binding = current;
		if (binding != null) {
			return (binding.recorder != null) ? binding.recorder.get() : null;
		}
		Recorder recorder = plainDefault;
		return (recorder != null) ? recorder : createPlainDefault();
	}

	private static Recorder createPlainDefault() {
		synchronized (ObserveRoutes.class) {
			Recorder recorder = plainDefault;
			if (recorder == null) {
				recorder = new Recorder(new CostCalculator(PriceCatalog.bundled()), Attribution.NONE, false, false,
						PlainPipelines.permanentSink(PlainPipelines.defaultOutput()));
				plainDefault = recorder;
			}
			return recorder;
		}
	}

	/** One application's hold on {@code TokenSense.observe}. */
	static final class Binding {

		private final @Nullable Supplier<@Nullable Recorder> recorder;

		private Binding(@Nullable Supplier<@Nullable Recorder> recorder) {
			this.recorder = recorder;
		}

	}

}
