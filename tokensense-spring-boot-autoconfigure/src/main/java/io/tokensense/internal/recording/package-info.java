/**
 * The recording core: every way a call is seen (the SDK proxy, a framework hook) starts and
 * ends it here, and a {@link io.tokensense.internal.recording.Recorder} owned by the running TokenSense
 * merges attribution, prices it, builds the {@link io.tokensense.CallEvent} and hands it on.
 */
@NullMarked
package io.tokensense.internal.recording;

import org.jspecify.annotations.NullMarked;
