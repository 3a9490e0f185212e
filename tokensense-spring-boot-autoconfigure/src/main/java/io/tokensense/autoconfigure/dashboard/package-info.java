/**
 * The usage dashboard: one page, served by Spring MVC when {@code tokensense.dashboard.enabled=true},
 * that draws what the {@code tokensense} actuator endpoint reports.
 */
@NullMarked
package io.tokensense.autoconfigure.dashboard;

import org.jspecify.annotations.NullMarked;
