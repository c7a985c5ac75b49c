/**
 * What the register asks of the distribution module, which implements it: how far each
 * document's issue emails have gone ({@link vn.vanthu.numbering.spi.DeliveryProgress}). The
 * module's other face, its API, is its top package.
 */
@NamedInterface("spi")
package vn.vanthu.numbering.spi;

import org.springframework.modulith.NamedInterface;
