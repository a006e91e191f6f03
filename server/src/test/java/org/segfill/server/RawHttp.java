package org.segfill.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send: a forged Host header, or a
 * Content-Length the body never delivers.
 */
final class RawHttp {

  /** The status code and the whole response text. */
  record Reply(int status, String text) {}

  private RawHttp() {}

  /** Sends {@code head} (request line and headers, CRLF-separated, no blank line) and reads. */
  static Reply send(int port, String head) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) != -1) {
        text.write(buffer, 0, n);
        String sofar = text.toString(StandardCharsets.UTF_8);
        int headerEnd = sofar.indexOf("\r\n\r\n");
        // Stop once a response with a Content-Length has fully arrived; the server may keep
        // the connection open.
        if (headerEnd >= 0 && complete(sofar, headerEnd)) {
          break;
        }
      }
      String reply = text.toString(StandardCharsets.UTF_8);
      return new Reply(Integer.parseInt(reply.substring(9, 12)), reply);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean complete(String text, int headerEnd) {
    for (String line : text.substring(0, headerEnd).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        int length = Integer.parseInt(line.substring(15).trim());
        return text.getBytes(StandardCharsets.UTF_8).length >= headerEnd + 4 + length;
      }
    }
    return false;
  }
}
