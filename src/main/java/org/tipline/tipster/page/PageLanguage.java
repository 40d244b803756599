package org.tipline.tipster.page;

import java.util.Locale;

/**
 * The languages of the page. Chosen by the tipster, on the page or by a link's {@code lang}
 * parameter; never from {@code Accept-Language}, which the front door drops.
 */
public enum PageLanguage {
    EN("en", "English"),
    FR("fr", "Français"),
    ES("es", "Español");

    private final String tag;
    private final String name;

    PageLanguage(String tag, String name) {
        this.tag = tag;
        this.name = name;
    }

    /** The BCP 47 tag, as in {@code ?lang=fr} and {@code <html lang>}. */
    public String tag() {
        return tag;
    }

    /** The language's name in itself, for the language links. */
    public String selfName() {
        return name;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** The language a {@code lang} parameter names; English for anything else, absent included. */
    public static PageLanguage of(String parameter) {
        if (parameter != null) {
            for (PageLanguage language : values()) {
                if (language.tag.equalsIgnoreCase(parameter.trim())) {
                    return language;
                }
            }
        }
        return EN;
    }
}
