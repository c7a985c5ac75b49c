/**
 * What the document module asks of the modules above it, which implement it: who holds a
 * document's open steps ({@link vn.vanthu.document.spi.StepHolders}, the workflow) and what
 * became of each recipient's copy ({@link vn.vanthu.document.spi.DeliveryStatuses}, the
 * distribution). The module's other face, its API, is its top package.
 */
@NamedInterface("spi")
package vn.vanthu.document.spi;

import org.springframework.modulith.NamedInterface;
