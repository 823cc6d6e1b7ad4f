package dev.alertbridge.statushub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A synchronized map that forgets its least recently used entries past a size: memory for one environment. */
final class BoundedMap {
    private BoundedMap() {
    }

    static <K, V> Map<K, V> lru(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        });
    }
}
