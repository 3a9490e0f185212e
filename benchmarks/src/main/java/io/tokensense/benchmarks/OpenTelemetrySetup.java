package io.tokensense.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An OpenTelemetry SDK set up as an application would (batch span and log processors, a
 * metric reader), whose exporters stay in memory: spans and log records are counted and
 * dropped, like TokenSense's no-op output; metrics aggregate in an {@link InMemoryMetricReader}.
 * Spans are not kept in an {@code InMemorySpanExporter}: millions of retained spans would bill
 * OpenTelemetry for garbage collection that an exporting application does not pay.
 */
final class OpenTelemetrySetup implements AutoCloseable {

	private final CountingSpanExporter spans = new CountingSpanExporter();

	private final CountingLogExporter logs = new CountingLogExporter();

	private final InMemoryMetricReader metrics = InMemoryMetricReader.create();

	private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
		.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(this.spans).build()).build())
		.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(this.metrics).build())
		.setLoggerProvider(SdkLoggerProvider.builder()
			.addLogRecordProcessor(BatchLogRecordProcessor.builder(this.logs).build())
			.build())
		.build();

	OpenTelemetrySdk sdk() {
		return this.sdk;
	}

	/** Flushes the batch processors and tells what reached the exporters. */
	String exported() {
		this.sdk.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
		this.sdk.getSdkLoggerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
		return "spans exported=" + this.spans.count.sum() + ", log records exported=" + this.logs.count.sum()
				+ ", metrics=" + this.metrics.collectAllMetrics().size();
	}

	@Override
	public void close() {
		this.sdk.close();
	}

	private static final class CountingSpanExporter implements SpanExporter {

		private final LongAdder count = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.count.add(spans.size());
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	private static final class CountingLogExporter implements LogRecordExporter {

		private final LongAdder count = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<LogRecordData> logs) {
			this.count.add(logs.size());
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
