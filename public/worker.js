// The validation worker (src/ui/worker.rs): the app's own WebAssembly module, started at
// its worker entry point, so the rules core is downloaded, compiled and cached once.
// The page (src/ui/validation.rs) starts this module worker and sends one first message:
// `{ glue, module }`, the URL of the app's JavaScript glue and the compiled
// `WebAssembly.Module` it already has. Every later message is a validation request.
addEventListener(
  'message',
  async (event) => {
    try {
      const { glue, module } = event.data;
      const app = await import(glue);
      await app.default({ module_or_path: module });
      app.validation_worker();
    } catch (e) {
      // Thrown outside the promise, so the page gets an `error` event and validates by
      // itself at once (a rejected promise would only end in its start timeout).
      setTimeout(() => {
        throw new Error(`could not start: ${e?.message ?? e}`);
      });
    }
  },
  { once: true },
);
