package vn.vanthu.document;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text folded for search: no diacritics, đ as d, lower case, one space between words.
 * "Thường vụ" and "THUONG  VU" both become "thuong vu". Done in Java, not with a database
 * function, so that H2 and PostgreSQL find the same documents.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchText() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain =
                MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The words of a query, folded; each must occur in the document's text. */
    public static List<String> words(String query) {
        String folded = fold(query);
        return folded.isEmpty()
                ? List.of()
                : Arrays.stream(folded.split(" ")).distinct().toList();
    }

    /** What is stored in document.search_text: number, title and body, folded. */
    static String of(String number, String title, String body) {
        return fold(
                (number == null ? "" : number) + " " + (title == null ? "" : title) + " " + (body == null ? "" : body));
    }
}
