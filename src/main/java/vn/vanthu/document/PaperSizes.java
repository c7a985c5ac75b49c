package vn.vanthu.document;

/** A file size as people read it, with a decimal comma: "340 KB", "1,2 MB". */
final class PaperSizes {

    private PaperSizes() {}

    public static String text(long bytes) {
        if (bytes < 1024) {
            return bytes + " byte";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        double mb = bytes / (1024.0 * 1024.0);
        return (mb == Math.floor(mb)
                        ? Long.toString((long) mb)
                        : String.format(java.util.Locale.ROOT, "%.1f", mb).replace('.', ','))
                + " MB";
    }
}
