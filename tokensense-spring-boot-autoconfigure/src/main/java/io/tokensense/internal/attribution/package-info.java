/**
 * Attribution without code: {@link io.tokensense.TokenSenseScope} methods and the web
 * request open {@link io.tokensense.TokenSenseContext} scopes. Internal: the
 * auto-configuration creates these; applications use the annotation and the properties.
 */
@NullMarked
package io.tokensense.internal.attribution;

import org.jspecify.annotations.NullMarked;
