package org.tipline.tip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The plaintext that is sealed to the office key: the whole tip in a canonical JSON form
 * (keys sorted, no insignificant whitespace, absent fields omitted, UTF-8), so the same
 * tip always yields the same bytes and the office can parse every version it ever stored.
 */
public record TipPlaintext(
        int formatVersion,
        String category,
        String description,
        String location,
        String occurredAt,
        String language,
        Map<String, String> details) {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public byte[] toCanonicalJson() {
        try {
            return CANONICAL.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tip could not be written as JSON", e);
        }
    }

    public static TipPlaintext fromJson(byte[] json) throws java.io.IOException {
        return CANONICAL.readValue(json, TipPlaintext.class);
    }
}
