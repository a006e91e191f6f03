package org.segfill.engine.sdxl;

/** Changes some of the {@link SdxlSteps} and keeps the rest: how a test injects a mistake. */
final class StepsEditor {

  private SdxlSteps.Tokenization tokenization;
  private SdxlSteps.Embedding embedding;
  private SdxlSteps.NegativePolicy negatives;
  private SdxlSteps.ConditioningLayout conditioning;
  private SdxlSteps.LatentStart start;
  private SdxlSteps.UnetInput unetInput;
  private SdxlSteps.LatentMask latentMask;
  private SdxlSteps.MaskedFill maskedFill;
  private SdxlSteps.StepHook afterStep;
  private SdxlSteps.VaeScale vaeScale;

  StepsEditor(SdxlSteps from) {
    tokenization = from.tokenization();
    embedding = from.embedding();
    negatives = from.negatives();
    conditioning = from.conditioning();
    start = from.start();
    unetInput = from.unetInput();
    latentMask = from.latentMask();
    maskedFill = from.maskedFill();
    afterStep = from.afterStep();
    vaeScale = from.vaeScale();
  }

  StepsEditor tokenization(SdxlSteps.Tokenization value) {
    tokenization = value;
    return this;
  }

  StepsEditor embedding(SdxlSteps.Embedding value) {
    embedding = value;
    return this;
  }

  StepsEditor negatives(SdxlSteps.NegativePolicy value) {
    negatives = value;
    return this;
  }

  StepsEditor conditioning(SdxlSteps.ConditioningLayout value) {
    conditioning = value;
    return this;
  }

  StepsEditor start(SdxlSteps.LatentStart value) {
    start = value;
    return this;
  }

  StepsEditor unetInput(SdxlSteps.UnetInput value) {
    unetInput = value;
    return this;
  }

  StepsEditor latentMask(SdxlSteps.LatentMask value) {
    latentMask = value;
    return this;
  }

  StepsEditor maskedFill(SdxlSteps.MaskedFill value) {
    maskedFill = value;
    return this;
  }

  StepsEditor afterStep(SdxlSteps.StepHook value) {
    afterStep = value;
    return this;
  }

  StepsEditor vaeScale(SdxlSteps.VaeScale value) {
    vaeScale = value;
    return this;
  }

  SdxlSteps build() {
    return new SdxlSteps(tokenization, embedding, negatives, conditioning, start, unetInput,
        latentMask, maskedFill, afterStep, vaeScale);
  }
}
