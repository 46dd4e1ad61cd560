// Loads the WebAssembly app. Trunk writes the hashed file names into this script tag's
// data attributes (Trunk.toml `pattern_script`), so index.html needs no inline script.
const tag = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

// Offline support (public/sw.js): the app's files are kept so it reloads without network.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('offline support unavailable:', e.message));
}
