#!/usr/bin/env python3
"""Export segfill's `sam-onnx` bundle from the segment-anything ViT-B checkpoint.

    python3 export_sam_onnx.py --checkpoint sam_vit_b_01ec64.pth --out DIR [--opset 17] [--check]

DIR receives (shared/docs/model-contract.md, part 0 item 1 and A1-A5):

  encoder.onnx   `sam.image_encoder` alone. Input `image` float32 [1,3,1024,1024], already
                 resized, normalised with SAM's pixel mean/std and zero-padded bottom/right by
                 the caller (contract A2). Output `image_embeddings` float32 [1,256,64,64].
                 No dynamic axes. About 360 MB, one file (under the 2 GB protobuf limit).
                 The exporter may still label the output's dims symbolically (torch 1.13
                 did); at run time they are always [1,256,64,64].
  decoder.onnx   What segment-anything's scripts/export_onnx_model.py writes with its default
                 options, built from the library's own SamOnnxModel: opset 17, four masks
                 (return_single_mask=False), exact GELU, IoU predictions (no stability score),
                 three outputs. Inputs image_embeddings, point_coords, point_labels, mask_input,
                 has_mask_input, orig_im_size; outputs masks, iou_predictions, low_res_masks.
                 The only dynamic axis is `num_points`, dim 1 of point_coords and point_labels.
  segfill-bundle.json   layout "sam-onnx", checkpoint name and SHA-256, tool versions, opset.

Needs torch, torchvision (segment_anything imports it), onnx and segment-anything;
onnxruntime only for --check. Written for torch 2.x, onnx 1.12+ and segment-anything at commit
dca509fe793f601edb92606367a655c15ac00fdf (HEAD of facebookresearch/segment-anything when this
was written; its setup.py says version 1.0). It uses torch's TorchScript exporter, as upstream's
script does: torch >= 2.9 defaults to the torch.export-based one, so dynamo=False is passed
wherever torch.onnx.export has that switch (recent 2.x releases; 1.13 has none).

What was and was not verified. segfill's machines cannot download the real checkpoint, nor
torch 2.x, nor onnxruntime for Python. The script was run with Debian's torch 1.13.1 and
onnx 1.12 on a randomly initialised ViT-B state dict (same keys and shapes as the real one):
both graphs exported with the interface above, and ONNX Runtime 1.24.1 (segfill's Java
runtime) reproduced PyTorch's outputs to within 1e-5. --check ran only against a stand-in for
onnxruntime that calls PyTorch. Not run here: the real weights, onnxruntime's Python API, and
any torch 2.x (so the dynamo=False path). Whether future torch releases keep the TorchScript
exporter is unknown.
"""

import argparse
import hashlib
import inspect
import json
import os
import platform
import re
import sys
import warnings

LAYOUT = "sam-onnx"
MODEL_TYPE = "vit_b"  # segfill's contract is SAM ViT-B only (model-contract.md A1)
OFFICIAL_CHECKPOINT = "sam_vit_b_01ec64.pth"
# SHA-256 of Meta's sam_vit_b_01ec64.pth. Meta publishes no checksum (the "01ec64" in the name
# is the start of its MD5); this value is the one many independent projects pin.
OFFICIAL_SHA256 = "ec2df62732614e57411cdcf32a23ffdf28910380d03139ee0f4fcbe91eb8c912"
SAM_COMMIT = "dca509fe793f601edb92606367a655c15ac00fdf"
PIP_HINT = (
    "pip install torch torchvision onnx onnxruntime "
    f'"git+https://github.com/facebookresearch/segment-anything.git@{SAM_COMMIT}"'
)

ENCODER_FILE, DECODER_FILE, MANIFEST_FILE = "encoder.onnx", "decoder.onnx", "segfill-bundle.json"

# The graphs' interfaces, all float32. A string is a named dynamic axis, None a dimension that
# depends on input values (the masks are resized to orig_im_size inside the graph).
ENCODER_IO = {
    "inputs": {"image": [1, 3, 1024, 1024]},
    "outputs": {"image_embeddings": [1, 256, 64, 64]},
}
DECODER_IO = {
    "inputs": {
        "image_embeddings": [1, 256, 64, 64],
        "point_coords": [1, "num_points", 2],
        "point_labels": [1, "num_points"],
        "mask_input": [1, 1, 256, 256],
        "has_mask_input": [1],
        "orig_im_size": [2],
    },
    "outputs": {
        "masks": [1, 4, None, None],
        "iou_predictions": [1, 4],
        "low_res_masks": [1, 4, 256, 256],
    },
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Export segfill's sam-onnx bundle (encoder.onnx, decoder.onnx, "
        "segfill-bundle.json) from a segment-anything ViT-B checkpoint.",
        epilog="needs:\n  " + PIP_HINT,
    )
    p.add_argument("--checkpoint", required=True, help=f"path to {OFFICIAL_CHECKPOINT}")
    p.add_argument("--out", required=True, help="bundle directory to write (created if missing)")
    p.add_argument("--opset", type=int, default=17, help="ONNX opset (default 17, as upstream)")
    p.add_argument(
        "--model-type",
        default=MODEL_TYPE,
        help="only vit_b is accepted: segfill's SAM contract is ViT-B",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="run both graphs once with onnxruntime (CPU) and compare them with PyTorch",
    )
    return p.parse_args(argv)


def fail(message):
    sys.exit(f"export_sam_onnx.py: {message}")


def refuse_non_vit_b(args):
    # Checked before torch is imported, so a wrong model fails in a second, not after loading
    # a 2.5 GB ViT-H checkpoint.
    if args.model_type != MODEL_TYPE:
        fail(
            f"model type {args.model_type!r} refused: segfill's SAM contract is ViT-B "
            f"(vit_b, {OFFICIAL_CHECKPOINT}); vit_h, vit_l and 'default' (= vit_h) are not"
            " supported"
        )
    name = os.path.basename(args.checkpoint)
    if name.startswith(("sam_vit_h", "sam_vit_l")):
        fail(f"{name} is a ViT-H/ViT-L checkpoint; segfill needs ViT-B ({OFFICIAL_CHECKPOINT})")
    if not os.path.isfile(args.checkpoint):
        fail(f"checkpoint not found: {args.checkpoint}")
    if args.opset < 11:
        fail(f"--opset {args.opset}: upstream's exporter needs opset >= 11")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def segment_anything_commit():
    """The commit pip recorded when segment-anything was installed from git (PEP 610), if any."""
    from importlib import metadata

    for name in ("segment_anything", "segment-anything"):
        try:
            text = metadata.distribution(name).read_text("direct_url.json")
        except metadata.PackageNotFoundError:
            continue
        if text:
            return json.loads(text).get("vcs_info", {}).get("commit_id")
    return None


def onnx_export(torch, model, args, path, opset, input_names, output_names, dynamic_axes):
    kwargs = dict(
        export_params=True,
        verbose=False,
        opset_version=opset,
        do_constant_folding=True,
        input_names=input_names,
        output_names=output_names,
        dynamic_axes=dynamic_axes,
    )
    # torch 2.9 made the torch.export-based exporter the default. Upstream's script and the
    # graphs our contract describes come from the TorchScript exporter, so ask for it where
    # the switch exists; a torch without the switch has only that exporter.
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    with warnings.catch_warnings():
        # Expected and noisy: tracer warnings about Python ints taken from static shapes
        # (upstream silences them too) and, on torch >= 2.9, the legacy-exporter notice.
        warnings.simplefilter("ignore")
        torch.onnx.export(model, args, path, **kwargs)


def check_interface(onnx, path, io, opset):
    """Reads the saved graph and asserts names, float32 dtypes, shapes and opset.

    Inputs must match exactly. Output dims may be symbolic: the TorchScript exporter labels
    dims it could not infer statically (torch 1.13 does so even for the encoder's output), so
    only a concrete dim that contradicts the contract fails; --check runs the real shapes.
    """
    onnx.checker.check_model(path)
    model = onnx.load(path)
    opsets = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    if opsets.get("ai.onnx") != opset:
        raise AssertionError(f"{path}: opset {opsets.get('ai.onnx')}, expected {opset}")
    initializers = {i.name for i in model.graph.initializer}
    inputs = [v for v in model.graph.input if v.name not in initializers]
    for kind, values, strict in (("input", inputs, True), ("output", model.graph.output, False)):
        expected = io[kind + "s"]
        names = [v.name for v in values]
        if names != list(expected):
            raise AssertionError(f"{path}: {kind}s {names}, expected {list(expected)}")
        for v in values:
            t = v.type.tensor_type
            if t.elem_type != onnx.TensorProto.FLOAT:
                raise AssertionError(f"{path}: {kind} {v.name} is not float32")
            dims = [
                d.dim_value if d.HasField("dim_value") else d.dim_param or None
                for d in t.shape.dim
            ]
            want = expected[v.name]
            unknown_rank = not strict and not t.HasField("shape")
            ok = unknown_rank or len(dims) == len(want) and all(
                w is None or d == w or (not strict and not isinstance(d, int))
                for d, w in zip(dims, want)
            )
            if not ok:
                raise AssertionError(f"{path}: {kind} {v.name} has shape {dims}, expected {want}")


def ort_check(onnxruntime, np, torch, sam, onnx_model, out):
    """Runs both graphs once on CPU, asserts output shapes, compares with PyTorch."""

    def session(name):
        return onnxruntime.InferenceSession(
            os.path.join(out, name), providers=["CPUExecutionProvider"]
        )

    def close(name, got, want):
        # Loose on purpose: catches a wrong graph, not fp32 reordering noise.
        err = float(np.max(np.abs(got - want))) / max(1.0, float(np.max(np.abs(want))))
        print(f"  {name}: shape {tuple(got.shape)}, max relative difference to torch {err:.2e}")
        if err > 1e-3:
            raise AssertionError(f"{name} differs from PyTorch by {err:.2e} (relative)")

    def expect_shape(name, array, shape):
        if array.shape != shape or array.dtype != np.float32:
            raise AssertionError(f"{name} is {array.dtype}{list(array.shape)}, expected {shape}")

    image = torch.randn(1, 3, 1024, 1024, generator=torch.Generator().manual_seed(0))
    (emb,) = session(ENCODER_FILE).run(None, {"image": image.numpy()})
    expect_shape("image_embeddings", emb, (1, 256, 64, 64))
    with torch.no_grad():
        close("image_embeddings", emb, sam.image_encoder(image).numpy())

    decoder = session(DECODER_FILE)
    mask_input = np.zeros((1, 1, 256, 256), dtype=np.float32)
    # First one click plus the padding point; then two clicks and a box, refining the first
    # answer's best low-res logits through mask_input. Together they exercise num_points.
    for coords, labels in (
        ([[400.0, 300.0], [0.0, 0.0]], [1.0, -1.0]),
        ([[400.0, 300.0], [600.0, 500.0], [100.0, 80.0], [900.0, 700.0]], [1.0, 0.0, 2.0, 3.0]),
    ):
        feeds = {
            "image_embeddings": emb,
            "point_coords": np.array([coords], dtype=np.float32),
            "point_labels": np.array([labels], dtype=np.float32),
            "mask_input": mask_input,
            "has_mask_input": np.array([float(mask_input.any())], dtype=np.float32),
            "orig_im_size": np.array([750.0, 1000.0], dtype=np.float32),
        }
        outputs = decoder.run(None, feeds)
        with torch.no_grad():
            want = onnx_model(**{k: torch.from_numpy(v) for k, v in feeds.items()})
        shapes = ((1, 4, 750, 1000), (1, 4), (1, 4, 256, 256))
        names = ("masks", "iou_predictions", "low_res_masks")
        for name, got, shape, ref in zip(names, outputs, shapes, want):
            expect_shape(name, got, shape)
            close(f"{name} ({len(labels)} points)", got, ref.numpy())
        _, iou, low_res = outputs
        mask_input = np.ascontiguousarray(low_res[:, [int(np.argmax(iou))]])


def main(argv=None):
    args = parse_args(argv)
    refuse_non_vit_b(args)

    # Imported only now, so --help and the argument checks work without them.
    try:
        import numpy as np
        import onnx
        import torch
        from segment_anything import sam_model_registry
        from segment_anything.utils.onnx import SamOnnxModel
    except ImportError as e:
        fail(f"missing Python package {e.name!r}. Install with:\n  {PIP_HINT}")
    onnxruntime = None
    if args.check:
        try:
            import onnxruntime
        except ImportError:
            fail("--check needs onnxruntime:\n  pip install onnxruntime")

    print(f"Hashing {args.checkpoint} ...")
    checkpoint_sha256 = sha256_of(args.checkpoint)
    if checkpoint_sha256 != OFFICIAL_SHA256:
        print(f"  note: SHA-256 {checkpoint_sha256} is not that of Meta's {OFFICIAL_CHECKPOINT}")

    print("Loading the ViT-B model ...")
    try:
        # build_sam_vit_b builds the ViT-B graph, calls eval() and loads the state dict strictly.
        sam = sam_model_registry[MODEL_TYPE](checkpoint=args.checkpoint)
    except RuntimeError as e:
        # A ViT-H/L state dict fails with shape mismatches against the ViT-B modules.
        fail(f"{args.checkpoint} does not load as SAM ViT-B (is it vit_h or vit_l?):\n{e}")

    os.makedirs(args.out, exist_ok=True)
    encoder_path = os.path.join(args.out, ENCODER_FILE)
    decoder_path = os.path.join(args.out, DECODER_FILE)
    manifest_path = os.path.join(args.out, MANIFEST_FILE)
    # The manifest marks a finished export; an old one must not vouch for half-written graphs.
    if os.path.exists(manifest_path):
        os.remove(manifest_path)

    with torch.no_grad():
        print(f"Exporting {encoder_path} ...")
        onnx_export(
            torch,
            sam.image_encoder,
            (torch.zeros(1, 3, 1024, 1024),),
            encoder_path,
            args.opset,
            list(ENCODER_IO["inputs"]),
            list(ENCODER_IO["outputs"]),
            None,
        )

        # Same module, options, dummy shapes, names and dynamic axes as upstream's
        # export_onnx_model.py with its defaults. The dummy values only drive the trace;
        # SamOnnxModel has no branch on them.
        onnx_model = SamOnnxModel(model=sam, return_single_mask=False)
        gen = torch.Generator().manual_seed(0)
        dummy = {
            "image_embeddings": torch.randn(1, 256, 64, 64, generator=gen),
            "point_coords": torch.randint(0, 1024, (1, 5, 2), generator=gen).float(),
            "point_labels": torch.randint(0, 4, (1, 5), generator=gen).float(),
            "mask_input": torch.randn(1, 1, 256, 256, generator=gen),
            "has_mask_input": torch.tensor([1.0]),
            "orig_im_size": torch.tensor([1500.0, 2250.0]),
        }
        assert list(dummy) == list(DECODER_IO["inputs"])
        print(f"Exporting {decoder_path} ...")
        onnx_export(
            torch,
            onnx_model,
            tuple(dummy.values()),
            decoder_path,
            args.opset,
            list(dummy),
            list(DECODER_IO["outputs"]),
            {"point_coords": {1: "num_points"}, "point_labels": {1: "num_points"}},
        )

    try:
        print("Checking the graphs' inputs and outputs ...")
        check_interface(onnx, encoder_path, ENCODER_IO, args.opset)
        check_interface(onnx, decoder_path, DECODER_IO, args.opset)
        if onnxruntime is not None:
            print("Running both graphs with onnxruntime ...")
            ort_check(onnxruntime, np, torch, sam, onnx_model, args.out)
    except AssertionError as e:
        fail(f"the exported bundle in {args.out} is not usable: {e}")

    manifest = {
        "layout": LAYOUT,
        "model": "sam_vit_b",
        "graphs": {
            "encoder": dict(file=ENCODER_FILE, **ENCODER_IO),
            "decoder": dict(file=DECODER_FILE, **DECODER_IO),
        },
        "opset": args.opset,
        "checkpoint": {
            "file": os.path.basename(args.checkpoint),
            "sha256": checkpoint_sha256,
            "is_official_vit_b": checkpoint_sha256 == OFFICIAL_SHA256,
        },
        "tools": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "segment_anything_commit": segment_anything_commit(),
            "onnxruntime": onnxruntime.__version__ if onnxruntime is not None else None,
        },
        "checked_with_onnxruntime": onnxruntime is not None,
        "exporter": "models/sam/export_sam_onnx.py",
    }
    text = json.dumps(manifest, indent=2)
    # One shape per line: [1, 3, 1024, 1024] rather than six lines.
    text = re.sub(
        r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text
    )
    # Written last: a directory without it is an interrupted export.
    with open(manifest_path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"Done: {args.out} ({ENCODER_FILE}, {DECODER_FILE}, {MANIFEST_FILE})")


if __name__ == "__main__":
    main()
