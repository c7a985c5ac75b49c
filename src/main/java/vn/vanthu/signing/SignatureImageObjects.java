package vn.vanthu.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDIndexed;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A signature image turned into a PDF image object once, not for every signature.
 *
 * <p>DSS's drawer makes the image object anew each time it draws a signature's appearance, twice per
 * signature (for the digest, then for the signed file). For a palette PNG with transparency, as
 * {@link SignatureImages#pdfReady} makes them, PDFBox then reads every pixel to build the soft mask
 * and compresses it again: about 6.5 ms for the seal and 2.7 ms for the leader's signature image,
 * per drawing. What it makes depends on the image alone. So DSS draws a stand-in (the same PNG
 * without its transparency and with blank pixels: the same size, palette and metadata, which PDFBox
 * takes as it is), and the image object in the drawn appearance is then given the data and the
 * soft mask PDFBox made from the real image the first time: the signed file holds what it held
 * before, byte for byte in the image and its mask ({@code SignatureImageObjectsTest}). The colour
 * space DSS asks of the image before drawing is read from the same object, once ({@link Facts}).
 */
final class SignatureImageObjects {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The stand-in DSS draws, and the real image's object (without its mask) and its mask. */
    record Prepared(byte[] standIn, Snapshot.Stream image, Snapshot.Stream mask) {}

    /** PDF objects copied out of the document PDFBox made them in, to be made again in any other. */
    sealed interface Snapshot {
        /** A name, number, boolean or null: immutable, shared. */
        record Shared(COSBase value) implements Snapshot {}

        record Text(byte[] bytes) implements Snapshot {}

        record Array(List<Snapshot> items) implements Snapshot {}

        record Dictionary(Map<COSName, Snapshot> entries) implements Snapshot {}

        record Stream(Map<COSName, Snapshot> entries, byte[] raw) implements Snapshot {
            /** Its entries and data written into the given stream of the given document. */
            void into(COSStream made, COSDocument document) throws IOException {
                for (Map.Entry<COSName, Snapshot> entry : entries.entrySet()) {
                    made.setItem(entry.getKey(), entry.getValue().in(document));
                }
                try (OutputStream out = made.createRawOutputStream()) {
                    out.write(raw);
                }
            }
        }

        static Snapshot of(COSBase base) throws IOException {
            COSBase value = base instanceof COSObject object ? object.getObject() : base;
            if (value == null
                    || value instanceof COSName
                    || value instanceof COSNumber
                    || value instanceof COSBoolean
                    || value instanceof COSNull) {
                return new Shared(value == null ? COSNull.NULL : value);
            }
            if (value instanceof COSString string) {
                return new Text(string.getBytes());
            }
            if (value instanceof COSArray array) {
                List<Snapshot> items = new ArrayList<>();
                for (COSBase item : array) {
                    items.add(of(item));
                }
                return new Array(items);
            }
            if (value instanceof COSStream stream) {
                return new Stream(entries(stream), raw(stream));
            }
            if (value instanceof COSDictionary dictionary) {
                return new Dictionary(entries(dictionary));
            }
            throw new IOException("unexpected PDF object " + value.getClass().getSimpleName());
        }

        private static Map<COSName, Snapshot> entries(COSDictionary dictionary) throws IOException {
            Map<COSName, Snapshot> entries = new java.util.LinkedHashMap<>();
            for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                if (!COSName.LENGTH.equals(entry.getKey()) && !COSName.SMASK.equals(entry.getKey())) {
                    entries.put(entry.getKey(), of(entry.getValue()));
                }
            }
            return entries;
        }

        /** The object made anew in the given document (a stream as a new indirect object of it). */
        default COSBase in(COSDocument document) throws IOException {
            if (this instanceof Shared shared) {
                return shared.value();
            }
            if (this instanceof Text text) {
                return new COSString(text.bytes());
            }
            if (this instanceof Array array) {
                COSArray made = new COSArray();
                for (Snapshot item : array.items()) {
                    made.add(item.in(document));
                }
                return made;
            }
            if (this instanceof Dictionary dictionary) {
                COSDictionary made = new COSDictionary();
                for (Map.Entry<COSName, Snapshot> entry : dictionary.entries().entrySet()) {
                    made.setItem(entry.getKey(), entry.getValue().in(document));
                }
                return made;
            }
            COSStream made = document.createCOSStream();
            ((Stream) this).into(made, document);
            return made;
        }
    }

    /**
     * What the drawer needs of an image, the same for every signature that shows it: the name of its
     * colour space (an indexed image answers with its base space, as the same image in full colour
     * did, so DSS still adds the sRGB output intent) and, where it applies, the image object made once.
     */
    record Facts(String colourSpace, Optional<Prepared> prepared) {}

    private static final Map<ByteBuffer, Facts> KNOWN = new ConcurrentHashMap<>();

    private SignatureImageObjects() {}

    /**
     * The image's facts, learnt once per image (the array is kept as the key: do not change it).
     * An image PDFBox cannot read is refused here as DSS would refuse it.
     */
    static Facts of(byte[] png) throws IOException {
        Facts known = KNOWN.get(ByteBuffer.wrap(png));
        if (known != null) {
            return known;
        }
        if (KNOWN.size() > 256) {
            KNOWN.clear(); // a few images per office; never a leak however often files change
        }
        Facts facts;
        try (PDDocument scratch = new PDDocument()) {
            PDImageXObject image = PDImageXObject.createFromByteArray(scratch, png, "image.png");
            PDColorSpace space = image.getColorSpace();
            String colourSpace = (space instanceof PDIndexed indexed ? indexed.getBaseColorSpace() : space).getName();
            facts = new Facts(colourSpace, prepared(png, image.getCOSObject()));
        }
        KNOWN.put(ByteBuffer.wrap(png), facts);
        return facts;
    }

    /** The stand-in and snapshots of PDFBox's image object; empty for an image this does not apply to. */
    private static Optional<Prepared> prepared(byte[] png, COSStream image) {
        try {
            List<Chunk> chunks = chunks(png);
            if (chunks.isEmpty() || chunks.stream().noneMatch(c -> c.type().equals("tRNS"))) {
                return Optional.empty(); // PDFBox takes a PNG without transparency as it is already
            }
            int colourType = chunks.get(0).data()[9];
            COSStream mask = image.getCOSStream(COSName.SMASK);
            if (colourType != 3 || mask == null) {
                return Optional.empty();
            }
            return Optional.of(new Prepared(
                    standIn(chunks), (Snapshot.Stream) Snapshot.of(image), (Snapshot.Stream) Snapshot.of(mask)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a PNG as expected: DSS draws it as it is
        }
    }

    /**
     * Gives the stand-in's image object in a drawn appearance the real image's data and mask.
     * False when the appearance has not exactly one image object without a mask (then nothing is changed).
     */
    static boolean fillIn(COSDocument appearance, Prepared prepared) throws IOException {
        List<COSStream> images = new ArrayList<>();
        collectImages(appearance.getTrailer(), images, new IdentityHashMap<>());
        if (images.size() != 1 || images.get(0).containsKey(COSName.SMASK)) {
            return false;
        }
        COSStream image = images.get(0);
        if (!Snapshot.of(image.getItem(COSName.WIDTH))
                        .equals(prepared.image().entries().get(COSName.WIDTH))
                || !Snapshot.of(image.getItem(COSName.HEIGHT))
                        .equals(prepared.image().entries().get(COSName.HEIGHT))) {
            return false;
        }
        for (COSName key : new ArrayList<>(image.keySet())) {
            if (!COSName.LENGTH.equals(key)) {
                image.removeItem(key);
            }
        }
        prepared.image().into(image, appearance);
        image.setItem(COSName.SMASK, prepared.mask().in(appearance));
        return true;
    }

    private static void collectImages(COSBase base, List<COSStream> images, Map<COSBase, Boolean> seen) {
        COSBase value = base instanceof COSObject object ? object.getObject() : base;
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof COSDictionary dictionary) {
            if (value instanceof COSStream stream && COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                images.add(stream);
            }
            for (COSBase child : dictionary.getValues()) {
                collectImages(child, images, seen);
            }
        } else if (value instanceof COSArray array) {
            for (COSBase child : array) {
                collectImages(child, images, seen);
            }
        }
    }

    private static byte[] raw(COSStream stream) throws IOException {
        try (InputStream in = stream.createRawInputStream()) {
            return in.readAllBytes();
        }
    }

    record Chunk(String type, byte[] data) {}

    static List<Chunk> chunks(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        if (png.length < 8 || !java.util.Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return chunks;
        }
        ByteBuffer in = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
        in.position(8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            if (length < 0 || length > in.remaining() - 4) {
                return List.of();
            }
            byte[] data = new byte[length];
            in.get(data);
            in.getInt(); // CRC
            chunks.add(new Chunk(new String(type, java.nio.charset.StandardCharsets.US_ASCII), data));
        }
        boolean wellFormed = !chunks.isEmpty()
                && chunks.get(0).type().equals("IHDR")
                && chunks.get(0).data().length == 13
                && chunks.get(chunks.size() - 1).type().equals("IEND");
        return wellFormed ? chunks : List.of();
    }

    /** The PNG without tRNS and with every pixel the palette's first colour: same size, palette, metadata. */
    static byte[] standIn(List<Chunk> chunks) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(chunks.get(0).data());
        int width = header.getInt(0);
        int height = header.getInt(4);
        int bitDepth = header.get(8);
        int interlace = header.get(12);
        if (interlace != 0) {
            throw new IOException("interlaced PNG"); // the blank data below is for rows in order
        }
        int rowBytes = (int) (((long) width * bitDepth + 7) / 8);
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(blank, new Deflater(Deflater.BEST_SPEED))) {
            byte[] row = new byte[1 + rowBytes]; // filter type 0, then index 0 throughout
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PNG_SIGNATURE);
        boolean dataWritten = false;
        for (Chunk chunk : chunks) {
            switch (chunk.type()) {
                case "tRNS" -> {}
                case "IDAT" -> {
                    if (!dataWritten) {
                        write(out, "IDAT", blank.toByteArray());
                        dataWritten = true;
                    }
                }
                default -> write(out, chunk.type(), chunk.data());
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        out.writeBytes(chunk.array());
    }
}
