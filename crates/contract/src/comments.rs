//! Readers' comments: the rules the browser and the server both apply (limits and messages
//! on trimmed text), and the JSON of a submission and of its answers.

use serde::{Deserialize, Serialize};

use crate::json;
use crate::Comment;

/// Most characters (not bytes) in a name, trimmed.
pub const NAME_MAX: usize = 80;
/// Most characters (not bytes) in a comment, trimmed.
pub const BODY_MAX: usize = 2000;
/// The empty-name message of the seed page.
pub const MSG_NAME_EMPTY: &str = "Vui lòng nhập tên của bạn ở đây";
/// The empty-comment message of the seed page.
pub const MSG_BODY_EMPTY: &str = "Vui lòng nhập bình luận của bạn";
/// A name over [`NAME_MAX`].
pub const MSG_NAME_LONG: &str = "Tên của bạn dài quá 80 ký tự";
/// A comment over [`BODY_MAX`].
pub const MSG_BODY_LONG: &str = "Bình luận dài quá 2000 ký tự";
/// A name with nothing a reader could see or read (only spaces, fillers, marks).
pub const MSG_NAME_INVISIBLE: &str = "Tên cần có ít nhất một chữ cái hoặc chữ số";
/// Combining marks kept on one letter: Vietnamese needs two (ệ = e + ̂ + ̣), a third is
/// left for other scripts; more only stack over the lines around it.
pub const MARKS_MAX: usize = 3;
/// The most bytes of a submission's JSON that a valid comment can take: every character
/// of the longest name and body written as a `\uXXXX\uXXXX` surrogate pair (what
/// `json.dumps` writes for an emoji), plus the keys, a reply's id and room for the honeypot.
pub const SUBMISSION_MAX_BYTES: usize = (NAME_MAX + BODY_MAX) * 12 + 4096;

/// What a reader submits (`NewComment`); `website` is the honeypot people leave empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    pub author_name: String,
    pub body: String,
    #[serde(default)]
    pub website: String,
    /// The top-level comment this one answers (contract v2); `None` for a new thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

/// Messages to show next to the fields; both `None` when the submission is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The comment answered is not one that can be answered (shown above the form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

impl FieldErrors {
    /// True when no field has a message.
    pub fn is_empty(&self) -> bool {
        self.author_name.is_none() && self.body.is_none() && self.parent_id.is_none()
    }
}

/// The message for a name over the contract's limits, or `None` (the browser's check; the
/// server's [`validate`] also refuses a name with nothing visible in it).
pub fn check_name(name: &str) -> Option<&'static str> {
    match name.trim().chars().count() {
        0 => Some(MSG_NAME_EMPTY),
        n if n > NAME_MAX => Some(MSG_NAME_LONG),
        _ => None,
    }
}

/// The message for a comment body over the contract's limits, or `None`.
pub fn check_body(body: &str) -> Option<&'static str> {
    match body.trim().chars().count() {
        0 => Some(MSG_BODY_EMPTY),
        n if n > BODY_MAX => Some(MSG_BODY_LONG),
        _ => None,
    }
}

/// The message for a name as stored: cleaned, within the limits, and with a visible letter.
fn check_clean_name(name: &str) -> Option<&'static str> {
    check_name(name)
        .or_else(|| (!name.chars().any(is_visible_letter)).then_some(MSG_NAME_INVISIBLE))
}

/// The submission with its fields trimmed, or the messages for its fields: the contract's
/// limits, as the browser checks them before sending (the hidden-character rules of
/// [`validate`] would cost the first view 300 B, and the server's 422 puts their message
/// beside the field all the same).
pub fn check(new: &NewComment) -> Result<NewComment, FieldErrors> {
    let errors = FieldErrors {
        author_name: check_name(&new.author_name).map(str::to_string),
        body: check_body(&new.body).map(str::to_string),
        parent_id: None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewComment {
        author_name: new.author_name.trim().to_string(),
        body: new.body.trim().to_string(),
        website: new.website.trim().to_string(),
        parent_id: new.parent_id.clone(),
    })
}

/// The submission as the server stores it: fields cleaned (see [`clean`]) and trimmed, a
/// name with a visible letter, or the messages for its fields.
pub fn validate(new: &NewComment) -> Result<NewComment, FieldErrors> {
    let cleaned = NewComment {
        author_name: clean(&new.author_name, false),
        body: clean(&new.body, true),
        website: new.website.clone(),
        parent_id: new.parent_id.clone(),
    };
    let mut result = check(&cleaned);
    if let Err(errors) = &mut result {
        errors.author_name = errors
            .author_name
            .take()
            .or_else(|| check_clean_name(&cleaned.author_name).map(str::to_string));
    } else if let Some(message) = check_clean_name(&cleaned.author_name) {
        return Err(FieldErrors {
            author_name: Some(message.to_string()),
            body: None,
            parent_id: None,
        });
    }
    result
}

/// A reader's text without what could hide or disguise it: control characters (but line
/// breaks in a body), direction overrides, embeddings and isolates (U+202E turns the text
/// after it around), zero-width spaces and joiners' look-alikes, and combining marks past
/// [`MARKS_MAX`] on one letter. The zero-width joiner stays: emoji sequences need it.
pub fn clean(text: &str, keep_line_breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut marks = 0;
    for c in text.chars() {
        if c == '\n' && keep_line_breaks {
            out.push(c);
            marks = 0;
            continue;
        }
        if c.is_control() || is_hidden_format(c) {
            continue;
        }
        if is_combining_mark(c) {
            marks += 1;
            if marks > MARKS_MAX {
                continue;
            }
        } else {
            marks = 0;
        }
        out.push(c);
    }
    out
}

/// Direction controls and invisible characters that only serve to hide or disguise text.
fn is_hidden_format(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{180E}' | '\u{2060}'..='\u{2064}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// The blocks of combining marks that stack on a letter (enough to stop "Zalgo" text).
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A character that reads as part of a name: an ASCII letter or digit, or any character
/// past Latin-1's symbols that is not white space, punctuation or a symbol block, a hidden
/// format character, a combining mark or a filler (the Hangul fillers are letters to
/// Unicode but print as blank space). Written with ranges, not Unicode's letter tables:
/// they would cost the wasm 1.9 KB brotli. So an emoji counts, as readers use them.
fn is_visible_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c > '\u{BF}'
            && c != '\u{D7}'
            && c != '\u{F7}'
            && !c.is_whitespace()
            && !is_hidden_format(c)
            && !is_combining_mark(c)
            && !matches!(c,
                '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2000}'..='\u{2BFF}'
                | '\u{3000}'..='\u{303F}' | '\u{FE10}'..='\u{FE6F}' | '\u{FF00}'..='\u{FF0F}'
                | '\u{FFF0}'..='\u{FFFF}'))
}

/// True when the honeypot is filled: a robot. The server answers it like a person and
/// stores nothing.
pub fn is_spam(new: &NewComment) -> bool {
    !new.website.trim().is_empty()
}

/// Whether an accepted comment waits for a moderator or is already shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Pending,
    Published,
}

/// The `201` answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentCreated {
    pub status: CommentStatus,
    pub comment: Comment,
}

/// The `422` answer: `{"errors": {…}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationFailure {
    pub errors: FieldErrors,
}

/// The JSON of a submission (hand-written: the wasm carries no serializer).
pub fn new_comment_json(new: &NewComment) -> String {
    let mut out = String::with_capacity(new.body.len() + 64);
    out.push_str("{\"author_name\":");
    json::write_string(&mut out, &new.author_name);
    out.push_str(",\"body\":");
    json::write_string(&mut out, &new.body);
    out.push_str(",\"website\":");
    json::write_string(&mut out, &new.website);
    if let Some(parent) = &new.parent_id {
        out.push_str(",\"parent_id\":");
        json::write_string(&mut out, parent);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(name: &str, body: &str) -> NewComment {
        NewComment {
            author_name: name.into(),
            body: body.into(),
            website: String::new(),
            parent_id: None,
        }
    }

    #[test]
    fn empty_after_trimming_gets_the_seed_messages() {
        let errors = validate(&new("  \n", " \t ")).unwrap_err();
        assert_eq!(
            errors.author_name.as_deref(),
            Some("Vui lòng nhập tên của bạn ở đây")
        );
        assert_eq!(
            errors.body.as_deref(),
            Some("Vui lòng nhập bình luận của bạn")
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        // "ệ" is 3 bytes: 80 of them are 240 bytes and still a valid name.
        let name = "ệ".repeat(NAME_MAX);
        let body = "ữ".repeat(BODY_MAX);
        assert!(validate(&new(&name, &body)).is_ok());
        let errors = validate(&new(&(name + "a"), &(body + "a"))).unwrap_err();
        assert_eq!(errors.author_name.as_deref(), Some(MSG_NAME_LONG));
        assert_eq!(errors.body.as_deref(), Some(MSG_BODY_LONG));
        // Surrounding white space does not count.
        assert!(validate(&new(&format!("  {}  ", "a".repeat(80)), " x ")).is_ok());
    }

    #[test]
    fn valid_submissions_come_back_trimmed() {
        let ok = validate(&new("  Minh Anh ", "\n Hay quá!\nCảm ơn. \n")).unwrap();
        assert_eq!(ok.author_name, "Minh Anh");
        assert_eq!(ok.body, "Hay quá!\nCảm ơn.");
    }

    #[test]
    fn invisible_and_direction_changing_characters_are_removed_or_refused() {
        // Names a reader could not see.
        for name in [
            "\u{200B}\u{200B}",
            "\u{3164}\u{3164}",
            "\u{115F}",
            "\u{202E}",
            "\u{0}",
            "...",
        ] {
            assert!(validate(&new(name, "Hay")).is_err(), "{name:?}");
        }
        let name_error = |name: &str| {
            validate(&new(name, "Hay"))
                .err()
                .and_then(|e| e.author_name)
        };
        assert_eq!(
            name_error("\u{3164}").as_deref(),
            Some(MSG_NAME_INVISIBLE),
            "a filler is a letter to Unicode, not to a reader"
        );
        assert_eq!(name_error("\u{200B}").as_deref(), Some(MSG_NAME_EMPTY));
        for name in ["An", "Lê Văn Tám", "Nguyễn", "李", "Алёна", "7", "😀"] {
            assert_eq!(name_error(name), None, "{name}");
        }
        // An override cannot turn the rest of the page around; NUL and other controls go.
        let ok = validate(&new("An\u{202E}gnp.exe", "a\u{0}b\u{2066}c\u{FEFF}\r\nd")).unwrap();
        assert_eq!(ok.author_name, "Angnp.exe");
        assert_eq!(ok.body, "abc\nd");
        // 80 marks on one letter keep three; Vietnamese's two survive, and so does an emoji's
        // zero-width joiner.
        let zalgo = format!("a{}", "\u{0301}".repeat(80));
        assert_eq!(clean(&zalgo, false).chars().count(), 1 + MARKS_MAX);
        let nfd = "Vie\u{0302}\u{0323}t";
        assert_eq!(clean(nfd, false), nfd);
        assert_eq!(clean("👨\u{200D}👩", true), "👨\u{200D}👩");
        // A body of hidden characters only is an empty body.
        let body_error = validate(&new("An", "\u{200B}\u{202E}\u{0}"))
            .unwrap_err()
            .body;
        assert_eq!(body_error.as_deref(), Some(MSG_BODY_EMPTY));
    }

    #[test]
    fn the_longest_valid_submission_fits_the_byte_limit_even_fully_escaped() {
        // A name needs one letter; the rest may be emoji.
        let name = format!("A{}", "\\ud83d\\ude00".repeat(NAME_MAX - 1));
        let body = "\\ud83d\\ude00".repeat(BODY_MAX);
        let json =
            format!("{{\"author_name\": \"{name}\", \"body\": \"{body}\", \"website\": \"\"}}");
        assert!(json.len() <= SUBMISSION_MAX_BYTES, "{}", json.len());
        let new: NewComment = serde_json::from_str(&json).unwrap();
        assert!(validate(&new).is_ok());
    }

    #[test]
    fn honeypot() {
        assert!(!is_spam(&new("a", "b")));
        let mut bot = new("a", "b");
        bot.website = "http://spam.example".into();
        assert!(is_spam(&bot));
    }

    #[test]
    fn submission_json_round_trips_through_serde() {
        let c = NewComment {
            author_name: "Lê \"Bảo\" \\ </script>".into(),
            body: "Dòng 1\nDòng 2\t\u{1}😀".into(),
            website: String::new(),
            parent_id: None,
        };
        let back: NewComment = serde_json::from_str(&new_comment_json(&c)).unwrap();
        assert_eq!(back, c);
        let reply = NewComment {
            parent_id: Some("c-1".into()),
            ..c
        };
        let back: NewComment = serde_json::from_str(&new_comment_json(&reply)).unwrap();
        assert_eq!(back, reply);
    }

    #[test]
    fn answers_parse_like_serde_reads_them() {
        let created = r#"{"status":"pending","comment":{"id":"c-1","author_name":"An",
            "body":"Hay","created_at":"2023-02-02T10:00:00Z"}}"#;
        let ours = crate::parse_created(created).unwrap();
        assert_eq!(
            ours,
            serde_json::from_str::<CommentCreated>(created).unwrap()
        );
        assert_eq!(ours.status, CommentStatus::Pending);
        assert!(crate::parse_created(r#"{"status":"maybe","comment":null}"#).is_err());

        let failure = r#"{"errors":{"body":"Vui lòng nhập bình luận của bạn"}}"#;
        let errors = crate::parse_validation_failure(failure).unwrap();
        assert_eq!(errors.body.as_deref(), Some(MSG_BODY_EMPTY));
        assert_eq!(errors.author_name, None);
        assert_eq!(
            errors,
            serde_json::from_str::<ValidationFailure>(failure)
                .unwrap()
                .errors
        );
    }
}
