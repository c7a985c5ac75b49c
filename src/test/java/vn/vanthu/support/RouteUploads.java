package vn.vanthu.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Uploads a route file to POST /api/admin/routes as a browser's multipart form would. */
public final class RouteUploads {

    private RouteUploads() {}

    public static Api.Response upload(Api api, String fileName, byte[] content) {
        String boundary = "----vanthu" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.postRaw("/api/admin/routes", "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }
}
