package vn.vanthu.absence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.absence.*}.
 *
 * @param maxLength the longest absence one record may cover; a longer mission is recorded again
 */
@ConfigurationProperties("vanthu.absence")
record AbsenceProperties(@DefaultValue("P90D") Duration maxLength) {

    public AbsenceProperties {
        if (maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("vanthu.absence.max-length must be positive");
        }
    }
}
