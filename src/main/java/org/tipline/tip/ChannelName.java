package org.tipline.tip;

import java.util.regex.Pattern;

/**
 * The name of the front end a tip came through ({@code tip.channel}), such as
 * {@code county-website}: 2 to 40 characters of a-z, 0-9 and '-', starting with a letter or
 * digit. It names the front end, never the tipster.
 */
public final class ChannelName {

    public static final String FORM = "[a-z0-9][a-z0-9-]{1,39}";
    /**
     * The built-in channel of tips sent by the tipster's page without JavaScript (and so
     * without proof-of-work): its own quota, {@code tipline.page.form-tips-per-hour}. No
     * created channel may take the name.
     */
    public static final String PAGE_FORM = "web-form";
    private static final Pattern PATTERN = Pattern.compile(FORM);

    private ChannelName() {
    }

    public static boolean valid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
