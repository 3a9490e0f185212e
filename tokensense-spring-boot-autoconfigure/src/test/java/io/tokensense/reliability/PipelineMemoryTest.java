package io.tokensense.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One million events through a pipeline in a JVM limited to 64 MB of heap: it completes, and
 * every event is accounted for as written or dropped. A queue that grew without bound, or
 * events kept after writing, would run out of memory long before (the child exits at the
 * first {@link OutOfMemoryError}).
 */
class PipelineMemoryTest {

	private static final int PRODUCERS = 4;

	private static final int PER_PRODUCER = 250_000;

	private static final Pattern RESULT = Pattern
		.compile(PipelineMemoryMain.RESULT + " written=(\\d+) received=(\\d+) dropped=(\\d+) total=(\\d+)");

	@Test
	void aMillionEventsPassThroughA64MegabyteHeap(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("child.log");
		Process child = new ProcessBuilder(javaCommand(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
				testClassPath(), PipelineMemoryMain.class.getName(), String.valueOf(PRODUCERS),
				String.valueOf(PER_PRODUCER))
			.redirectErrorStream(true)
			.redirectOutput(out.toFile())
			.start();
		boolean finished = child.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			child.destroyForcibly();
		}
		String output = tail(out);
		assertThat(finished).as("child finished; output:%n%s", output).isTrue();
		assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
		Matcher result = RESULT.matcher(output);
		assertThat(result.find()).as("result line in:%n%s", output).isTrue();
		long written = Long.parseLong(result.group(1));
		assertThat(Long.parseLong(result.group(2))).isEqualTo(written);
		assertThat(written + Long.parseLong(result.group(3))).isEqualTo(PRODUCERS * PER_PRODUCER);
		assertThat(Long.parseLong(result.group(4))).isEqualTo(PRODUCERS * PER_PRODUCER);
		assertThat(written).isPositive();
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Surefire runs tests from a manifest-only jar; it names the real class path here. */
	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	private static String tail(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
