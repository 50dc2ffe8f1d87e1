package gort.conformance.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * gort's reports as JSON, through Jackson: maps (keys in insertion order), lists, strings, numbers,
 * booleans and null are written pretty-printed and read back as LinkedHashMap, ArrayList, String,
 * Long or Double, Boolean and null. Malformed text is an IllegalArgumentException naming where the
 * parser stopped.
 */
public final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getOriginalMessage(), e);
        }
    }

    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(
                    "bad JSON"
                            + (at != null ? " at offset " + at.getCharOffset() : "")
                            + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }
}
