//! The reader's comment form: labelled fields, the seed's messages when a field is empty
//! after trimming, a character count near the limit, a draft saved while typing, and every
//! answer of the contract (201 pending or published, 422, 429, failure) said in Vietnamese.
//! What was typed is cleared only after a 201.

mod state;

use contract::comments::{check, FieldErrors};
use contract::Comment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::draft;
use crate::api;
use crate::config::Config;
use crate::text;
pub use state::FormState;
use state::{count_text, status_text, Status};

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The form for the article `slug`; `on_published` receives a comment the server published.
/// The reply form is the same one, kept in the page and shown under the thread answered:
/// its state (`reply`, whose `parent` says the thread) is its caller's, and «Hủy» and Escape
/// close it through `on_cancel`, the draft kept.
#[component]
pub fn CommentForm(
    slug: String,
    on_published: UnsyncCallback<Comment>,
    #[prop(optional)] reply: Option<RwSignal<FormState>>,
    #[prop(optional)] on_cancel: Option<UnsyncCallback<()>>,
) -> impl IntoView {
    // Two forms on the page: the reply form's ids are its own.
    let ids = if reply.is_some() {
        "na-reply"
    } else {
        "na-comment"
    };
    let form = reply.unwrap_or_else(|| RwSignal::new(FormState::drafted(&slug, None)));
    let slug = StoredValue::new(slug);
    // A reply's draft is kept apart from the article's, per thread.
    let key = move || draft::key(&slug.get_value(), form.with_untracked(|f| f.parent.clone()));
    let submit = sender(form, slug, ids, key, on_published);
    // One handler for both fields: `field` is the draft's name for it.
    let on_input = move |field: &'static str, value: String| {
        draft::save(&key(), field, &value);
        form.update(|f| f.input(field, value));
    };
    let cancel = move || {
        if let Some(cancel) = on_cancel {
            cancel.run(());
        }
    };
    view! {
        <form
            class="na-comment-form"
            aria-label=on_cancel.map(|_| text::REPLY_TO)
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit.run(());
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    cancel();
                }
            }
        >
            {body_field(form, ids, on_input)}
            {name_field(form, ids, on_input)}
            {honeypot(form, ids)}
            {controls(form, submit, on_cancel.is_some(), cancel)}
        </form>
    }
}

/// Checks and sends what `form` holds (once at a time), keeps the answer in it, and gives
/// a published comment to `on_published`; `key` is the draft's, cleared after a 201.
fn sender(
    form: RwSignal<FormState>,
    slug: StoredValue<String>,
    ids: &'static str,
    key: impl Fn() -> String + Copy + 'static,
    on_published: UnsyncCallback<Comment>,
) -> UnsyncCallback<()> {
    let config = expect_context::<Config>();
    UnsyncCallback::new(move |()| {
        let Some(typed) = form.with_untracked(FormState::typed) else {
            return;
        };
        let clean = match check(&typed) {
            Ok(clean) => clean,
            Err(found) => {
                let field = if found.body.is_some() { "body" } else { "name" };
                focus(&format!("{ids}-{field}"));
                form.update(|f| f.refuse(found));
                return;
            }
        };
        form.update(|f| {
            f.errors = FieldErrors::default();
            f.status = Status::Sending;
        });
        let config = config.clone();
        spawn_local(async move {
            let result = api::post_comment(&config, &slug.get_value(), &clean).await;
            if result.is_ok() {
                // Accepted: the draft starts afresh with the form.
                let key = key();
                draft::save(&key, "body", "");
                draft::save(&key, "name", "");
            }
            if let Some(comment) = form.try_update(|f| f.answer(result)).flatten() {
                on_published.run(comment);
            }
        });
    })
}

/// `aria-invalid` for the comment box (`body`) or the name field.
fn invalid(form: RwSignal<FormState>, body: bool) -> Option<&'static str> {
    message(form, body).map(|_| "true")
}

/// The message next to the comment box (`body`) or the name field, if any.
fn message(form: RwSignal<FormState>, body: bool) -> Option<String> {
    form.with(|f| {
        if body {
            &f.errors.body
        } else {
            &f.errors.author_name
        }
        .clone()
    })
}

/// A field of the form: its label, `control` (with the id `{ids}-{name}`), its message, and
/// `after` it (the comment box's count of characters left).
fn field(
    form: RwSignal<FormState>,
    ids: &'static str,
    name: &'static str,
    label: &'static str,
    control: impl IntoView,
    after: impl IntoView,
) -> impl IntoView {
    let body = name == "body";
    view! {
        <div class="na-field">
            <label for=format!("{ids}-{name}")>{label}</label>
            {control}
            <p id=format!("{ids}-{name}-error") class="na-field-error">
                {move || message(form, body)}
            </p>
            {after}
        </div>
    }
}

/// The comment box, its message and the count of characters left.
fn body_field(
    form: RwSignal<FormState>,
    ids: &'static str,
    on_input: impl Fn(&'static str, String) + Copy + 'static,
) -> impl IntoView {
    let control = view! {
        <textarea
            id=format!("{ids}-body")
            name="body"
            rows="4"
            placeholder=text::PLACEHOLDER_BODY
            aria-invalid=move || invalid(form, true)
            aria-describedby=format!("{ids}-body-error {ids}-count")
            prop:value=move || form.with(|f| f.body.clone())
            on:input=move |ev| on_input("body", event_target_value(&ev))
        ></textarea>
    };
    let count = view! {
        <p id=format!("{ids}-count") class="na-count">
            {move || form.with(|f| count_text(&f.body))}
        </p>
    };
    field(form, ids, "body", text::LABEL_BODY, control, count)
}

/// The name field and its message.
fn name_field(
    form: RwSignal<FormState>,
    ids: &'static str,
    on_input: impl Fn(&'static str, String) + Copy + 'static,
) -> impl IntoView {
    let control = view! {
        <input
            id=format!("{ids}-name")
            name="author_name"
            type="text"
            autocomplete="name"
            placeholder=text::PLACEHOLDER_NAME
            aria-invalid=move || invalid(form, false)
            aria-describedby=format!("{ids}-name-error")
            prop:value=move || form.with(|f| f.name.clone())
            on:input=move |ev| on_input("name", event_target_value(&ev))
        />
    };
    field(form, ids, "name", text::LABEL_NAME, control, ())
}

/// The honeypot: off-screen, out of the tab order, hidden from screen readers.
fn honeypot(form: RwSignal<FormState>, ids: &'static str) -> impl IntoView {
    view! {
        <div class="na-hp" aria-hidden="true">
            <label for=format!("{ids}-website")>{text::HONEYPOT}</label>
            <input
                id=format!("{ids}-website")
                name="website"
                type="text"
                tabindex="-1"
                autocomplete="off"
                on:input=move |ev| form.update(|f| f.website = event_target_value(&ev))
            />
        </div>
    }
}

/// «Gửi bình luận» (and «Hủy» for a reply), the status line, «Thử lại» after a failure.
fn controls(
    form: RwSignal<FormState>,
    submit: UnsyncCallback<()>,
    cancellable: bool,
    cancel: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let sending = move || form.with(|f| f.status == Status::Sending);
    view! {
        // Not `disabled`: a focused button that becomes disabled drops the keyboard focus
        // to the top of the page. `submit` already ignores a press while sending.
        <button type="submit" class="na-button" aria-disabled=move || sending().then_some("true")>
            {move || if sending() { text::SENDING } else { text::SEND }}
        </button>
        <button
            type="button"
            class="na-button na-cancel"
            hidden=!cancellable
            on:click=move |_| cancel()
        >
            {text::CANCEL}
        </button>
        <p class="na-form-status" role="status" aria-live="polite">
            {move || form.with(|f| f.errors.parent_id.clone().unwrap_or_else(|| status_text(f.status)))}
        </p>
        {move || {
            form.with(|f| f.status == Status::Failed)
                .then(|| {
                    view! {
                        <button type="button" class="na-button na-retry" on:click=move |_| submit.run(())>
                            {text::RETRY}
                        </button>
                    }
                })
        }}
    }
}
