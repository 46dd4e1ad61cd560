//! Browser entry point of Flink Studio (built by Trunk for `wasm32-unknown-unknown`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(flink_studio::ui::App);
}
