package org.segfill.server.api;

/**
 * The body of {@code POST /v1/jobs}. Only {@code image} and {@code mask} are required; every
 * other field has product.md's default (see the OpenAPI document).
 *
 * @param image the photo's id
 * @param mask the selection's id (255 = the clicked subject), of the image's size
 * @param target background (default), subject or remove
 * @param background composite instead of generating: "#rrggbb", "blur:N" or "image:ID"
 * @param prompt the prompt (default empty)
 * @param negativePrompt the negative prompt (default none)
 * @param guidanceScale [0, 20], default 7.5
 * @param steps [1, 150], default 30
 * @param strength (0, 1], default 0.99
 * @param seed [0, 2^53 - 1], random when absent (and echoed back)
 * @param count variants, [1, 4], default 3
 * @param sampler euler (default), euler_a, dpmpp_2m, dpmpp_2m_karras
 * @param region auto (default), full, crop
 * @param maskGrow [0, 256] px, default 6
 * @param maskFeather [0, 255] px, default 8
 * @param colorMatch default true
 * @param previews step events carry a small preview, default true
 */
public record JobBody(String image, String mask, String target, String background,
    String prompt, String negativePrompt, Double guidanceScale, Integer steps, Double strength,
    Long seed, Integer count, String sampler, String region, Integer maskGrow,
    Integer maskFeather, Boolean colorMatch, Boolean previews) {}
