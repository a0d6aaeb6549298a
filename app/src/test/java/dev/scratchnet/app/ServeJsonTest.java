package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Json}, the small writer and reader behind serve's API (named Serve* to run with the serve tests). */
class ServeJsonTest {
    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "Dense(784→32, relu)");
        map.put("size", 32);
        map.put("values", new float[] {0.5f, -1e-7f, 3f});
        map.put("shape", new int[] {1, 28, 28});
        map.put("rows", List.of(List.of(), Map.of("ok", true)));
        map.put("none", null);
        assertEquals("{\"name\":\"Dense(784→32, relu)\",\"size\":32,\"values\":[0.5,-1.0E-7,3.0],\"shape\":[1,28,28],"
                + "\"rows\":[[],{\"ok\":true}],\"none\":null}", Json.write(map));
    }

    @Test
    void floatsReadBackExactly() {
        float[] values = {0.1f, 1f / 3, Float.MIN_VALUE, Float.MAX_VALUE, -0.0f, 123456.79f};
        String json = Json.write(values);
        String[] items = json.substring(1, json.length() - 1).split(",");
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], Float.parseFloat(items[i]));
        }
    }

    @Test
    void stringsAreEscapedAndNonFiniteNumbersBecomeNull() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", Json.write("a\"b\\c\nd\u0001"));
        assertEquals("[null,null,1.0]", Json.write(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1f}));
    }

    @Test
    void readsAFlatArrayOfJsonNumbers() {
        assertArrayEquals(new double[] {0, 12.5, 255, -1, 2e2, 1.5E-1}, Json.readNumberArray(" [0, 12.5,255 ,-1,2e2, 1.5E-1]\n"));
        assertArrayEquals(new double[0], Json.readNumberArray("[ ]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1, 2", "[1, 2", "[NaN]", "[Infinity]", "[0x10]", "[1f]", "[01]", "[1.]", "[.5]", "[+1]",
        "[[1]]", "[1,]", "[,1]", "[\"1\"]", "[true]", "{\"a\": 1}"})
    void refusesAnythingElseInOneSentence(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.readNumberArray(text));
        assertTrue(e.getMessage().contains("array") && e.getMessage().contains("send"), e.getMessage());
    }
}
