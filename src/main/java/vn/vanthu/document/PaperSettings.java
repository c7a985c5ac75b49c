package vn.vanthu.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Meeting papers ({@code vanthu.papers.*}).
 *
 * @param maxFileSize  one file at most (the multipart limit spring.servlet.multipart.max-file-size matches it)
 * @param maxTotalSize all files of one document at most
 * @param attachUpTo   a file up to this size goes in the email itself; a larger one as a personal download link
 */
@ConfigurationProperties("vanthu.papers")
record PaperSettings(DataSize maxFileSize, DataSize maxTotalSize, DataSize attachUpTo) {

    public PaperSettings {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        maxTotalSize = maxTotalSize == null ? DataSize.ofMegabytes(50) : maxTotalSize;
        attachUpTo = attachUpTo == null ? DataSize.ofMegabytes(5) : attachUpTo;
    }
}
