package io.tokensense.autoconfigure.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the usage dashboard, under {@code tokensense.dashboard}.
 */
@ConfigurationProperties("tokensense.dashboard")
public class DashboardProperties {

	/**
	 * Whether a Spring MVC application serves the usage dashboard page. It reads the
	 * tokensense actuator endpoint, so that endpoint must be exposed over HTTP too.
	 */
	private boolean enabled = false;

	/**
	 * Path of the dashboard page, relative to the dispatcher servlet.
	 */
	private String path = "/tokensense";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
