package org.tipline.cli;

import java.io.Console;

/** Asks for a passphrase or password without echo; returns null when there is nobody to ask (no console). */
@FunctionalInterface
public interface SecretPrompt {

    char[] read(String prompt);

    /** The terminal's console, or null answers where there is none (a pipe, a service manager). */
    static SecretPrompt console() {
        return prompt -> {
            Console console = System.console();
            return console == null ? null : console.readPassword("%s", prompt);
        };
    }
}
