package vn.vanthu.distribution;

import java.util.List;
import java.util.function.Consumer;

/** Ids in slices for {@code in (:ids)}: a year's book or a calendar may hold thousands of documents. */
final class IdChunks {

    /** Ids per statement, well under what the databases take in one list. */
    static final int SIZE = 1000;

    private IdChunks() {}

    static void forEach(List<Long> ids, Consumer<List<Long>> slice) {
        for (int from = 0; from < ids.size(); from += SIZE) {
            slice.accept(ids.subList(from, Math.min(ids.size(), from + SIZE)));
        }
    }
}
