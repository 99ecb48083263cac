// The Lab's code editor: Monaco (served from lib/monaco, loaded once with its AMD loader) behind a few functions the
// Blazor CodeEditor component calls. Changes are reported to .NET after a pause in typing (debounced), with the text
// and a sequence number so late compile results can be told apart; diagnostics come back as markers (squiggles).

const editors = new Map();
let nextHandle = 1;
let loading = null;

function loadMonaco() {
  if (window.monaco?.editor) return Promise.resolve(window.monaco);
  loading ??= new Promise((resolve, reject) => {
    const base = new URL('lib/monaco/vs', document.baseURI).href;
    const start = () => {
      window.require.config({ paths: { vs: base } });
      window.require(['vs/editor/editor.main'], () => resolve(window.monaco), err => reject(err));
    };
    if (typeof window.require?.config === 'function') { start(); return; }
    const script = document.createElement('script');
    script.src = `${base}/loader.js`;
    script.onload = start;
    script.onerror = () => { loading = null; reject(new Error('The code editor (lib/monaco) could not be loaded.')); };
    document.head.appendChild(script);
  });
  return loading;
}

/** Creates an editor in `element`; returns its handle. `dotnet` receives OnCodeChanged(text, sequence) after `debounceMs` without typing. */
export async function create(element, dotnet, text, readOnly, debounceMs) {
  const monaco = await loadMonaco();
  const editor = monaco.editor.create(element, {
    value: text ?? '',
    language: 'csharp',
    readOnly: !!readOnly,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    tabSize: 4,
    theme: 'vs-dark', // the app's theme is dark
  });
  const state = { editor, dotnet, timer: 0, sequence: 0, quiet: false };
  editor.onDidChangeModelContent(() => {
    if (state.quiet) return;
    state.sequence++;
    clearTimeout(state.timer);
    const sequence = state.sequence;
    state.timer = setTimeout(() => {
      dotnet.invokeMethodAsync('OnCodeChanged', editor.getValue(), sequence).catch(() => { /* circuit gone */ });
    }, debounceMs ?? 500);
  });
  const handle = nextHandle++;
  editors.set(handle, state);
  element.dataset.editorReady = 'true';
  return handle;
}

/** Replaces the text (no change event: the caller knows what it set) and the read-only flag. */
export function setText(handle, text, readOnly) {
  const state = editors.get(handle);
  if (!state) return;
  clearTimeout(state.timer);
  state.quiet = true;
  try {
    if (state.editor.getValue() !== text) state.editor.setValue(text ?? '');
  } finally {
    state.quiet = false;
  }
  state.editor.updateOptions({ readOnly: !!readOnly });
}

/** The current text. */
export function getText(handle) {
  return editors.get(handle)?.editor.getValue() ?? '';
}

/** Shows `diagnostics` ([{line, column, message, isError}]) as squiggles under the word at each position. */
export function setMarkers(handle, diagnostics) {
  const state = editors.get(handle);
  if (!state) return;
  const monaco = window.monaco;
  const model = state.editor.getModel();
  const lines = model.getLineCount();
  const markers = (diagnostics ?? []).map(d => {
    const line = Math.min(Math.max(1, d.line), lines);
    const max = model.getLineMaxColumn(line);
    const column = Math.min(Math.max(1, d.column), max);
    const word = model.getWordAtPosition({ lineNumber: line, column });
    const end = word && word.endColumn > column ? word.endColumn : Math.min(column + 1, max);
    return {
      startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: end === column ? max : end,
      message: d.message, severity: d.isError ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      source: d.code ?? undefined,
    };
  });
  monaco.editor.setModelMarkers(model, 'velocitas', markers);
}

/** Moves the cursor to a position and scrolls it into view. */
export function reveal(handle, line, column) {
  const state = editors.get(handle);
  if (!state) return;
  state.editor.setPosition({ lineNumber: line, column });
  state.editor.revealPositionInCenter({ lineNumber: line, column });
  state.editor.focus();
}

/** Offers `text` as a file download named `fileName`. */
export function download(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/x-csharp;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function dispose(handle) {
  const state = editors.get(handle);
  if (!state) return;
  clearTimeout(state.timer);
  state.editor.getModel()?.dispose();
  state.editor.dispose();
  editors.delete(handle);
}
