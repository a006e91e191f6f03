// Getting a photo in: the file picker, or a file dropped anywhere on the stage.

/** Calls {@code onFile(file)} for a picked or dropped file. */
export function initUpload(stage, input, onFile) {
  input.addEventListener('change', () => {
    if (input.files.length) {
      onFile(input.files[0]);
      input.value = '';
    }
  });
  stage.addEventListener('dragover', (e) => {
    e.preventDefault();
    stage.classList.add('dragging');
  });
  stage.addEventListener('dragleave', () => stage.classList.remove('dragging'));
  stage.addEventListener('drop', (e) => {
    e.preventDefault();
    stage.classList.remove('dragging');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) {
      onFile(file);
    }
  });
}
