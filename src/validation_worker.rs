//! Entry point of the validation worker (built by Trunk as a `data-type="worker"` asset
//! next to the app; the page starts it from `flink-studio-validator_loader.js`).

fn main() {
    flink_studio::ui::worker::serve();
}
