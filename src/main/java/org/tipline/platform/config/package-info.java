/**
 * tipline's typed settings ({@code TiplineConfig}), the same settings read before Quarkus starts
 * ({@code EarlySettings}), role-dependent defaults, the role itself and strict JSON reading.
 */
package org.tipline.platform.config;
