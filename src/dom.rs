//! DOM methods and properties reached by name (`Reflect.get`, `Function.call`), for the
//! parts after the first view: a typed web-sys call is an import of the main part's wasm and
//! glue, whichever part makes it, and these calls the glue has already.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

/// `this[name](arg)` (or `this[name]()`), through `Reflect.get` and `Function.call`.
pub fn call(this: &JsValue, name: &str, arg: Option<&JsValue>) -> Option<JsValue> {
    let method: js_sys::Function = js_sys::Reflect::get(this, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    match arg {
        Some(arg) => method.call1(this, arg),
        None => method.call0(this),
    }
    .ok()
}

/// `v[name]` (undefined when it has none).
pub fn prop(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).unwrap_or_default()
}
