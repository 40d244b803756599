/**
 * tipline: anonymous crime tips for Crime Stoppers programs. The entry point ({@code TiplineMain},
 * {@code Serve}) checks the keys, starts the embedded database when none is configured, and runs
 * the role chosen by {@code TIPLINE_ROLE}. The rooms: {@code tip} (shared by both sides), {@code
 * tipster} (the intake role), {@code office} (the review role), {@code crypto}, {@code keys},
 * {@code cli} and {@code platform}.
 */
package org.tipline;
