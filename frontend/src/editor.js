// Code editor for the candidate test pages: CodeMirror 6 with the five judge languages.
// Exposes window.AssessmentEditor.create(options) -> a small handle used by static/js/coding.js.
import { EditorState, Compartment } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  dropCursor, highlightSpecialChars, rectangularSelection, crosshairCursor,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, foldGutter, foldKeymap, indentUnit,
} from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap, autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { python } from "@codemirror/lang-python";
import { cpp } from "@codemirror/lang-cpp";
import { java } from "@codemirror/lang-java";
import { javascript } from "@codemirror/lang-javascript";

const LANGUAGES = {
  python: () => python(),
  c: () => cpp(),
  cpp: () => cpp(),
  java: () => java(),
  javascript: () => javascript(),
};

function languageSupport(name) {
  const make = LANGUAGES[name] || LANGUAGES[String(name || "").replace(/^text\/x-/, "")];
  return make ? make() : [];
}

const theme = EditorView.theme({
  "&": { fontSize: "14px", height: "100%", backgroundColor: "#ffffff" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace', lineHeight: "1.5" },
  ".cm-content": { caretColor: "#102a43" },
  ".cm-gutters": { backgroundColor: "#f3f5f8", color: "#5a6473", borderRight: "1px solid #d9dee5" },
  "&.cm-focused": { outline: "3px solid #f2b705", outlineOffset: "0" },
  ".cm-activeLine": { backgroundColor: "#f2f6fc" },
});

function create(options) {
  const language = new Compartment();
  const readOnly = new Compartment();
  const onChange = options.onChange || (() => {});
  const onBlur = options.onBlur || (() => {});
  const onPaste = options.onPaste || (() => {});
  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(), drawSelection(),
    dropCursor(), EditorState.allowMultipleSelections.of(true), indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(), closeBrackets(),
    autocompletion(), rectangularSelection(), crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(),
    indentUnit.of("    "),
    // Tab indents; Escape then Tab moves focus out of the editor (CodeMirror's tab-focus mode).
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap,
      ...completionKeymap, indentWithTab]),
    theme,
    language.of(languageSupport(options.language)),
    readOnly.of([EditorState.readOnly.of(!!options.readOnly), EditorView.editable.of(!options.readOnly)]),
    EditorView.contentAttributes.of({ "aria-label": options.label || "Code editor", "aria-multiline": "true" }),
    EditorView.updateListener.of((update) => { if (update.docChanged) onChange(update.state.doc.toString()); }),
    EditorView.domEventHandlers({
      blur: () => { onBlur(); return false; },
      paste: (event) => {
        const text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
        onPaste(text.length);
        return false;
      },
    }),
  ];
  const view = new EditorView({
    state: EditorState.create({ doc: options.doc || "", extensions }),
    parent: options.parent,
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text || "" } });
    },
    setLanguage(name) { view.dispatch({ effects: language.reconfigure(languageSupport(name)) }); },
    setReadOnly(flag) {
      view.dispatch({ effects: readOnly.reconfigure([EditorState.readOnly.of(!!flag), EditorView.editable.of(!flag)]) });
    },
    focus() { view.focus(); },
  };
}

window.AssessmentEditor = { create, languages: Object.keys(LANGUAGES) };
