// The allocator: Talc, not Rust's default for wasm (dlmalloc), for its bytes: the main part,
// through which every part allocates, 2 KB smaller (brotli). std's own thread handle keeps
// dlmalloc (`std::alloc::System`), which the splitter then puts with the app's part (+1.7 KB
// there, after the first view): 0.3 KB less in all.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    news_app::start();
}
