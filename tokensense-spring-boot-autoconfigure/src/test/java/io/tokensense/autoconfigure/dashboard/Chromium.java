package io.tokensense.autoconfigure.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Debian packages {@code chromium} and {@code chromium-driver}, headless. Tests that need
 * them are skipped, loudly, where they are not installed.
 */
final class Chromium {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	static void assumeInstalled() {
		boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
		if (!installed) {
			String message = "WARNING: the dashboard's browser test is SKIPPED: " + BROWSER + " or " + DRIVER
					+ " is missing (apt-get install -y chromium chromium-driver)";
			System.err.println(message);
			Assumptions.abort(message);
		}
	}

	static ChromeDriver start() throws IOException {
		Path profile = Files.createTempDirectory("tokensense-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		// --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1440,1340", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		return driver;
	}

	static File target(String name) {
		File dir = new File("target/dashboard");
		dir.mkdirs();
		return new File(dir, name);
	}

}
