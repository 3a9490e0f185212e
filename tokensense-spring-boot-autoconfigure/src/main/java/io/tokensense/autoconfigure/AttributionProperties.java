package io.tokensense.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Attribution without code, under {@code tokensense.attribution}: the
 * {@link io.tokensense.TokenSenseScope} annotation and the web request.
 */
@ConfigurationProperties("tokensense.attribution")
public class AttributionProperties {

	/**
	 * Whether @TokenSenseScope methods and web requests open attribution scopes.
	 */
	private boolean enabled = true;

	/**
	 * Whether a web request's user id is the authenticated principal's name (Spring Security
	 * or any container authentication).
	 */
	private boolean principal;

	/**
	 * Name of a request header whose value becomes the session id, e.g. 'X-Session-Id'.
	 */
	private @Nullable String sessionHeader;

	/**
	 * Whether the handling controller method ('OrderController#checkout') is added as a tag
	 * to the calls a web request makes.
	 */
	private boolean handlerTag;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isPrincipal() {
		return this.principal;
	}

	public void setPrincipal(boolean principal) {
		this.principal = principal;
	}

	public @Nullable String getSessionHeader() {
		return this.sessionHeader;
	}

	public void setSessionHeader(@Nullable String sessionHeader) {
		this.sessionHeader = sessionHeader;
	}

	public boolean isHandlerTag() {
		return this.handlerTag;
	}

	public void setHandlerTag(boolean handlerTag) {
		this.handlerTag = handlerTag;
	}

}
