package org.segfill.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.RgbImage;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The photos the load clients work on: a few scenes of different sizes with their ellipse
 * masks and a click inside the ellipse, plus fresh random images that churn the caches.
 */
final class LoadPhotos {

  /** One scene: its PNG, mask PNG, a click, and the ids the server gave them. */
  record Photo(byte[] png, byte[] maskPng, double[] click, String image, String mask) {
    /** A one-point segment body at the click, moved by up to {@code jitter} pixels. */
    String clickJson(Random random, int jitter) {
      double dx = jitter == 0 ? 0 : random.nextInt(2 * jitter + 1) - jitter;
      double dy = jitter == 0 ? 0 : random.nextInt(2 * jitter + 1) - jitter;
      return "{\"points\":[{\"x\":" + (click[0] + dx) + ",\"y\":" + (click[1] + dy) + "}]}";
    }
  }

  private LoadPhotos() {}

  /** Uploads {@code n} scenes and their masks; returns them with their ids. */
  static List<Photo> upload(ApiClient api, int n) {
    List<Photo> photos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TwoShapesScene scene = (i % 2 == 0 ? TwoShapesScene.landscape()
          : TwoShapesScene.portrait()).scaledTo(i % 2 == 0 ? 320 - 16 * i : 190 - 8 * i,
          i % 2 == 0 ? 190 - 8 * i : 320 - 16 * i);
      byte[] png = Scenes.png(scene);
      byte[] maskPng = Scenes.ellipseMaskPng(scene);
      Photo unsent = new Photo(png, maskPng, scene.ellipseClick(), null, null);
      photos.add(send(api, unsent));
    }
    return photos;
  }

  /** Uploads (again) a photo and its mask; content-addressed, so the ids do not change. */
  static Photo send(ApiClient api, Photo p) {
    ApiClient.Resp image = api.post("/v1/images", "image/png", p.png());
    if (image.status() != 201) {
      throw new AssertionError("upload: " + image);
    }
    String id = image.json().get("id").asText();
    ApiClient.Resp mask = api.post("/v1/masks?image=" + id, "image/png", p.maskPng());
    if (mask.status() != 201) {
      throw new AssertionError("mask upload: " + mask);
    }
    return new Photo(p.png(), p.maskPng(), p.click(), id, mask.json().get("id").asText());
  }

  /** A never-seen 96x96 noise image as PNG. */
  static byte[] fresh(Random random) {
    byte[] rgb = new byte[96 * 96 * 3];
    random.nextBytes(rgb);
    return PngEncoder.encode(new RgbImage(96, 96, rgb));
  }
}
