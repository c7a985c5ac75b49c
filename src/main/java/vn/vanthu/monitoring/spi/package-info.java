/**
 * What the meters ask of the modules that keep the counted things, which implement it: the
 * emails by state ({@link vn.vanthu.monitoring.spi.EmailCounts}, the distribution) and when a
 * document was signed ({@link vn.vanthu.monitoring.spi.SignatureTimes}, the issuing). The
 * module's other face, {@code OfficeMeters}, is its top package.
 */
@NamedInterface("spi")
package vn.vanthu.monitoring.spi;

import org.springframework.modulith.NamedInterface;
