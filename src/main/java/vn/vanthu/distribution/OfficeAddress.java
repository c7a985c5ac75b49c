package vn.vanthu.distribution;

import java.io.UnsupportedEncodingException;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The office's sender address from the configured {@code vanthu.mail.from}
 * ("Văn phòng Đảng ủy Khối &lt;vanphong@…&gt;"). Parsing such a string keeps the display name as raw
 * 8-bit UTF-8 in the header, which strict relays refuse; built again with a charset, the name is
 * RFC 2047-encoded and every header stays 7-bit.
 */
public final class OfficeAddress {

    private OfficeAddress() {
    }

    public static InternetAddress of(String configured) {
        try {
            InternetAddress parsed = new InternetAddress(configured, true);
            return parsed.getPersonal() == null ? new InternetAddress(parsed.getAddress(), true)
                    : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("vanthu.mail.from is not an email address: " + configured, e);
        }
    }
}
